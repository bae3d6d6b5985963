"""Community tools put their objects in the activity feed as "subjects"."""

from communities import activity
from communities.models import ActivityItem, Visibility


def test_a_subject_line_shows_its_title_link_and_excerpt_then_follows_moderation(client, world, host):
    community = world.communities[Visibility.PUBLIC]
    animateur = world.people["animateur"]
    # Any saved model can be a subject; the animateur's profile stands in for a tool object.
    subject = animateur.profile
    activity.record(
        community,
        animateur,
        ActivityItem.Verb.QUESTION,
        subject=subject,
        title="Comment financer une piste cyclable ?",
        url="http://alpha.localhost/communautes/q/1/",
        excerpt="Nous cherchons des aides <b>régionales</b>.",
    )

    html = client.get(community.url, HTTP_HOST=host).content.decode()
    assert (
        'a posé une question <a href="http://alpha.localhost/communautes/q/1/">Comment financer une piste cyclable '
        "?</a>" in html
    )
    assert "Nous cherchons des aides &lt;b&gt;régionales&lt;/b&gt;." in html

    activity.set_subject_hidden(subject, True)
    assert "Comment financer une piste cyclable" not in client.get(community.url, HTTP_HOST=host).content.decode()

    activity.forget_subject(subject)
    assert not ActivityItem.objects.filter(subject_id=subject.pk, community=community).exists()
