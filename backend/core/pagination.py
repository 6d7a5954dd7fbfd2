"""Page-number pagination that refuses bad page parameters instead of guessing."""

from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

MAX_PAGE_SIZE = 100


def _positive_int(value: str, name: str, maximum: int | None = None) -> int:
    message = (
        f"Must be an integer from 1 to {maximum}."
        if maximum
        else "Must be an integer of 1 or more."
    )
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: [message]}) from None
    if number < 1 or (maximum is not None and number > maximum):
        raise ValidationError({name: [message]})
    return number


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param, "")
        if value == "":
            return self.page_size
        return _positive_int(value, self.page_size_query_param, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw_page = request.query_params.get(self.page_query_param, "")
        if raw_page != "":
            _positive_int(raw_page, self.page_query_param)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound("This page is past the last page.") from None
        except InvalidPage:
            raise NotFound("This page is past the last page.") from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
                parameter["description"] = f"Results per page, 1 to {MAX_PAGE_SIZE} (default 20)."
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
