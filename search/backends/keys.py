"""Joining Wagtail's index entries, keyed by text, to the rows they describe."""

INTEGER_TYPES = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def has_integer_pk(model):
    """Whether the entries' text keys of ``model`` can be cast to its integer key,
    so that a join can use the primary key's index."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return field.get_internal_type() in INTEGER_TYPES
