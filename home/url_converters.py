"""URL converters for ids that go straight into a database lookup."""

from django.urls import register_converter

# The largest signed 64-bit integer: the widest id column Django makes (BigAutoField)
# on any database, and the most SQLite can take as a query parameter.
MAX_ID = 2**63 - 1


class IdConverter:
    """``int``, except that a number no id column holds is no match (a 404), not a 500.

    Django bounds an integer lookup itself, but not one through a relation such
    as the ``page_ptr`` key of every page type, where SQLite raises
    OverflowError (PostgreSQL compares it and finds nothing).
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
