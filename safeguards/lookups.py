"""Lookups on integer columns, safe against numbers no column can hold.

Django 5.0 made ``exact``, ``gt``, ``lt`` and friends on an integer field
answer "no rows" for a number outside the column's range (ticket #27397,
https://github.com/django/django/pull/16599), but not ``in``, and not the
lookups on a foreign key, whose column is an integer all the same. An id of
25 digits from the address bar then still reaches the database: SQLite raises
``OverflowError`` ("Python int too large to convert to SQLite INTEGER"), and
PostgreSQL compares the column as ``numeric``, scanning the whole table.

That was a 500 wherever such an id meets ``pk__in`` (Wagtail's bulk actions,
its choosers' "chosen multiple" views, every ``ModelMultipleChoiceField``
such as the admin listings' filters) or the primary key of a page type,
which is the foreign key ``page_ptr`` (``get_object_or_404(SomePage,
pk=...)``). Such a number can match no row: ``exact`` matches nothing, as in
Django's own integer lookups, and ``in`` drops it, as it drops ``None``.
"""

from django.core.exceptions import EmptyResultSet, FieldError
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def integer_range(field, connection):
    """The (low, high) values ``field``'s column can hold, or None if it is no integer."""
    try:
        field = getattr(field, "target_field", field)  # a foreign key holds its target's values
    except FieldError:  # a foreign key over several columns
        return None
    if not isinstance(field, IntegerField):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


def in_range(value, bounds):
    low, high = bounds
    return (low is None or value >= low) and (high is None or value <= high)


class OutOfRangeDropped:
    """For ``in``: numbers the column cannot hold are left out of the list."""

    def process_rhs(self, compiler, connection):
        bounds = integer_range(self.lhs.output_field, connection)
        if bounds and self.rhs_is_direct_value():
            self.rhs = [
                value for value in self.rhs if not isinstance(value, int) or in_range(value, bounds)
            ]
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(OutOfRangeDropped, In):
    pass


class RelatedIntegerIn(OutOfRangeDropped, RelatedIn):
    pass


class RelatedIntegerExact(RelatedExact):
    def process_rhs(self, compiler, connection):
        bounds = integer_range(self.lhs.output_field, connection)
        if bounds and isinstance(self.rhs, int) and not in_range(self.rhs, bounds):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
