"""Path converters shared by the API's URLs."""

from django.urls import register_converter


class Id18Converter:
    """Up to 18 digits: every id PostgreSQL's bigint can hold, and no out-of-range query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(Id18Converter, "id18")
