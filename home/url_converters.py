"""URL converters for ids that go straight into a database lookup."""

from django.urls import register_converter

# The largest value of PostgreSQL's ``integer``, the column of Django's AutoField and
# so of Wagtail's page ids. No row has a larger id; SQLite's limit is higher.
MAX_ID = 2**31 - 1


class IdConverter:
    """``int``, except that a number no id column holds is no match (a 404), not a 500.

    Django bounds an integer lookup itself, but not one through a relation such
    as the ``page_ptr`` key of every page type: there SQLite raises
    OverflowError and PostgreSQL an out-of-range DataError.
    """

    regex = "[0-9]+"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is larger than any id")
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
