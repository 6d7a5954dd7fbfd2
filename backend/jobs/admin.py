"""The job queue in the Django admin: procrastinate's read-only pages, with the counts of
pending, failed and done jobs on top and per status in the filter."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from procrastinate.contrib.django.admin import ProcrastinateJobAdmin
from procrastinate.contrib.django.models import ProcrastinateJob

from .selectors import job_counts

admin.site.unregister(ProcrastinateJob)


@admin.register(ProcrastinateJob)
class JobAdmin(ProcrastinateJobAdmin):
    change_list_template = "admin/jobs/job_change_list.html"
    show_facets = admin.ShowFacets.ALWAYS

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        context = {**(extra_context or {}), "job_counts": job_counts()}
        return super().changelist_view(request, context)  # type: ignore[return-value]
