"""Server time and query count of a community's pages, uncached, on PostgreSQL.

    .venv/bin/python bench/communities.py

The benchmark creates a portal with one public community, gives it 50 members
and 100 activity lines (posts, comments, arrivals), and times its home page for
an anonymous reader and for a member, its members list, the member's personal
feed and a question page with 20 answers; it then grows the community to 2,000
members and 10,000 activity lines, and the question to 200 answers, and times the
same pages again. Requests go through the whole Django stack
in-process (test client, real Host header, DEBUG off) with the Django cache
cleared before each. It prints p50 and p95 times and query counts at both sizes,
and exits non-zero if a page misses the p50 target or its query count grows.

PostgreSQL comes from DATABASE_URL (default: portail:portail@127.0.0.1:5432);
the benchmark works in its own database, portail_bench_communities, created and
dropped here.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402 (the project root must be importable first)
    analyze_database,
    bench_database,
    database_description,
    print_table,
    setup_django,
    time_pages,
)

HOST = "bench-communautes.localhost"
SMALL_MEMBERS, SMALL_ITEMS = 50, 100
LARGE_MEMBERS, LARGE_ITEMS = 2_000, 10_000
SMALL_ANSWERS, LARGE_ANSWERS = 20, 200
TARGET_P50_MS = 50.0
BATCH = 1000
COMMENTS_PER_POST = 3


def seed_community():
    from wagtail.models import Locale

    from communities.models import Visibility
    from communities.pages import create_community, ensure_community_index
    from portail.portals import create_portal
    from resources.models import Domain

    domain = Domain.objects.create(locale=Locale.get_default(), slug="mobilites", name="Mobilités")
    portal = create_portal(HOST, "Portail des communautés", port=80)
    index = ensure_community_index(portal.home)
    return create_community(
        index, "Réseau des chargés de mission mobilité", Visibility.PUBLIC, domains=[domain], summary="Entre pairs."
    )


def add_members(community, start, count):
    """``count`` active members (the first one an animateur), with profiles."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from communities.models import ActivityItem, Membership, Profile

    User = get_user_model()
    password = make_password("bench-membre")
    users = User.objects.bulk_create(
        [
            User(username=f"membre{n}", email=f"membre{n}@bench.localhost", password=password)
            for n in range(start, start + count)
        ],
        batch_size=BATCH,
    )
    Profile.objects.bulk_create(
        [
            Profile(user=user, display_name=f"Membre n° {start + i}", organisation="Commune", visibility="members")
            for i, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [
            Membership(
                community=community,
                user=user,
                role=Membership.Role.ANIMATEUR if start + i == 0 else Membership.Role.MEMBER,
            )
            for i, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    ActivityItem.objects.bulk_create(
        [ActivityItem(community=community, actor=user, verb=ActivityItem.Verb.JOINED) for user in users],
        batch_size=BATCH,
    )
    return users


def add_activity(community, authors, count):
    """Posts and their comments until ``count`` more activity lines exist."""
    from communities.models import ActivityItem, Comment, Post

    posts_needed = max(count // (1 + COMMENTS_PER_POST), 1)
    posts = Post.objects.bulk_create(
        [
            Post(
                community=community,
                author=authors[n % len(authors)],
                title=f"Retour d'expérience n° {n}",
                body="<p>" + "Texte du message. " * 30 + "</p>",
            )
            for n in range(posts_needed)
        ],
        batch_size=BATCH,
    )
    comments = Comment.objects.bulk_create(
        [
            Comment(post=post, author=authors[(n + k + 1) % len(authors)], body="<p>Merci pour ce partage.</p>")
            for n, post in enumerate(posts)
            for k in range(COMMENTS_PER_POST)
        ],
        batch_size=BATCH,
    )
    items = [
        ActivityItem(community=community, actor_id=post.author_id, verb=ActivityItem.Verb.POST, post=post)
        for post in posts
    ]
    items += [
        ActivityItem(
            community=community,
            actor_id=comment.author_id,
            verb=ActivityItem.Verb.COMMENT,
            post=comment.post,
            comment=comment,
        )
        for comment in comments
    ]
    ActivityItem.objects.bulk_create(items[:count], batch_size=BATCH)


def add_answers(question, authors, count):
    """``count`` more answers to ``question``, every third by an expert, with
    votes; the first answer is the accepted one."""
    from communities.questions.models import Answer, Question

    start = question.answers.count()
    Answer.objects.bulk_create(
        [
            Answer(
                question=question,
                author=authors[n % len(authors)],
                body="<p>" + "Une réponse argumentée, avec des exemples. " * 12 + "</p>",
                is_expert=n % 3 == 0,
                votes=n % 7,
            )
            for n in range(start, start + count)
        ],
        batch_size=BATCH,
    )
    if question.accepted_answer_id is None:
        question.accepted_answer = question.answers.order_by("pk").first()
        question.status = Question.Status.ANSWERED
        question.save(update_fields=["accepted_answer", "status"])


def question_of(community):
    """The community's question, asked by the first member the first time."""
    from communities.questions.models import Question

    question = Question.objects.filter(community=community).first()
    if question is None:
        author = community.memberships.order_by("pk").first().user
        question = Question.objects.create(
            community=community,
            author=author,
            title="Comment financer une piste cyclable ?",
            body="<p>Nous cherchons des aides.</p>",
        )
    return question


def grow(community, members, items, answers):
    """Bring the community to ``members`` members and ``items`` activity lines,
    and its question to ``answers`` answers."""
    from communities.models import ActivityItem, Membership

    have_members = Membership.objects.filter(community=community).count()
    users = add_members(community, have_members, members - have_members)
    remaining = items - ActivityItem.objects.filter(community=community).count()
    if remaining > 0:
        add_activity(community, users, remaining)
    question = question_of(community)
    add_answers(question, users, answers - question.answers.count())
    analyze_database()


def reader():
    """The logged-in member whose pages are timed (the animateur, who follows)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.get(username="membre0")
    client = Client()
    client.force_login(user)
    return user, client


def measure(community, args):
    from django.test import Client

    from communities.models import Follow

    user, member_client = reader()
    Follow.objects.get_or_create(user=user, community=community)
    path = community.get_url_parts()[2]
    members_path = path + community.reverse_subpage("members")
    question_path = path + f"questions/{question_of(community).pk}/"
    anonymous = Client()
    pages = {
        "community home (anonymous)": (anonymous, HOST, path),
        "community home (animateur)": (member_client, HOST, path),
        "community home, page 50": (member_client, HOST, path + "?page=50"),
        "members list": (member_client, HOST, members_path),
        "personal feed": (member_client, HOST, "/membres/mon-fil/"),
        "question page (anonymous)": (anonymous, HOST, question_path),
        "question page (animateur)": (member_client, HOST, question_path),
    }
    return time_pages(pages, args.requests, args.warmup)


def sizes(community):
    from communities.models import ActivityItem, Membership

    return (
        Membership.objects.filter(community=community).count(),
        ActivityItem.objects.filter(community=community).count(),
        question_of(community).answers.count(),
    )


def report(small, large, small_size, large_size):
    rows, failures = [], []
    small_label = "@{}m/{}a/{}r".format(*small_size)
    large_label = "@{}m/{}a/{}r".format(*large_size)
    for name in small:
        before, after = small[name], large[name]
        rows.append(
            [
                name,
                f"{before.p50_ms:.1f}",
                before.queries,
                f"{after.p50_ms:.1f}",
                f"{after.p95_ms:.1f}",
                after.queries,
                f"{after.p50_ms / before.p50_ms:.2f}",
            ]
        )
        if after.queries != before.queries:
            failures.append(f"{name}: {before.queries} queries {small_label}, {after.queries} {large_label}")
        if after.p50_ms > TARGET_P50_MS:
            failures.append(f"{name}: p50 {after.p50_ms:.1f} ms {large_label}, above {TARGET_P50_MS:.0f} ms")
    print()
    print_table(
        [
            "page",
            f"p50 ms {small_label}",
            f"queries {small_label}",
            f"p50 ms {large_label}",
            f"p95 ms {large_label}",
            f"queries {large_label}",
            "p50 ratio",
        ],
        rows,
    )
    print()
    print(
        f"target: p50 ≤ {TARGET_P50_MS:.0f} ms per page, same query count at both sizes (m = members, a = activity "
        "lines, r = answers to the question)"
    )
    for failure in failures:
        print(f"FAIL {failure}")
    if not failures:
        print("OK")
    return not failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--members", type=int, default=LARGE_MEMBERS, help=f"members in the large run (default {LARGE_MEMBERS})"
    )
    parser.add_argument(
        "--items", type=int, default=LARGE_ITEMS, help=f"activity lines in the large run (default {LARGE_ITEMS})"
    )
    parser.add_argument(
        "--answers",
        type=int,
        default=LARGE_ANSWERS,
        help=f"answers to the question in the large run (default {LARGE_ANSWERS})",
    )
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first (default 5)")
    parser.add_argument("--allow-sqlite", action="store_true", help="accept an SQLite DATABASE_URL (indicative only)")
    parser.add_argument("--keep-db", action="store_true", help="keep the portail_bench_communities database afterwards")
    args = parser.parse_args()
    if args.members <= SMALL_MEMBERS or args.items <= SMALL_ITEMS or args.answers <= SMALL_ANSWERS:
        parser.error(
            f"--members must be above {SMALL_MEMBERS}, --items above {SMALL_ITEMS} and --answers above {SMALL_ANSWERS}"
        )

    with bench_database(allow_sqlite=args.allow_sqlite, keep=args.keep_db, name="communities") as database_url:
        setup_django(database_url)
        print(
            f"bench/communities on {database_description()}, {os.cpu_count()} CPU, "
            f"{args.requests} timed requests per page after {args.warmup} warm-up, cache cleared before each"
        )
        community = seed_community()
        grow(community, SMALL_MEMBERS, SMALL_ITEMS, SMALL_ANSWERS)
        small_size = sizes(community)
        print("timing {} members, {} activity lines, {} answers…".format(*small_size), flush=True)
        small = measure(community, args)
        print(f"growing to {args.members} members, {args.items} activity lines, {args.answers} answers…", flush=True)
        grow(community, args.members, args.items, args.answers)
        large_size = sizes(community)
        print("timing {} members, {} activity lines, {} answers…".format(*large_size), flush=True)
        large = measure(community, args)
        ok = report(small, large, small_size, large_size)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
