"""Open data pages of the sociale kaart: the public HSDS downloads, and the import of a
register for buurtverbinders and admins (upload → preview → confirm → result)."""

from __future__ import annotations

import json

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from buurtplein.core.audit import log_action
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap import hsds, selectors
from buurtplein.socialmap.models import HsdsImport

MB = 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_("A JSON file, or a ZIP file with a CSV data package. At most %(max)s MB.")
        % {"max": hsds.MAX_FILE_BYTES // MB},
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.zip,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > hsds.MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB.") % {"max": hsds.MAX_FILE_BYTES // MB}
            )
        return upload


def _url(request, name, **kwargs):
    return nb_reverse(f"socialmap:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: others may fetch it
    return response


@neighbourhood_view("socialmap.open_data.view")
def open_data(request):
    viewer = viewer_for(request)
    return render(
        request,
        "socialmap/hsds/open_data.html",
        {"may_import": can(viewer, "socialmap.hsds.import"), "version": hsds.HSDS_VERSION},
    )


OPEN_DATA_SECONDS = 600
"""How long a built download is served again: anyone may fetch it, so it is not rebuilt (5,000
services) on every request. A change to a service makes it stale at once (the services'
generation token is in the key); a confirmation or an organisation's new name shows within this
time."""


def _open_data(neighbourhood, kind: str, build) -> bytes:
    version = selectors.services_version(neighbourhood.pk)
    key = f"socialmap:open-data:{kind}:{neighbourhood.pk}:{version}"
    content = cache.get(key)
    if content is None:
        content = build(neighbourhood)
        cache.set(key, content, OPEN_DATA_SECONDS)
    return content


def _json_bytes(neighbourhood) -> bytes:
    return json.dumps(hsds.export_json(neighbourhood), ensure_ascii=False, indent=1).encode()


@neighbourhood_view("socialmap.open_data.view")
def open_data_json(request):
    content = _open_data(request.neighbourhood, "json", _json_bytes)
    slug = request.neighbourhood.slug
    return _download(content, "application/json", f"sociale-kaart-{slug}.json")


@neighbourhood_view("socialmap.open_data.view")
def open_data_csv(request):
    content = _open_data(request.neighbourhood, "csv", hsds.export_package)
    slug = request.neighbourhood.slug
    return _download(content, "application/zip", f"sociale-kaart-{slug}-hsds-csv.zip")


@neighbourhood_view("socialmap.hsds.import")
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(hsds.MAX_FILE_BYTES + 1)
        name = (upload.name or "")[:200]
        try:
            plan = hsds.import_file(request.neighbourhood, data, name, dry_run=True)
            preview = plan.report()
        except hsds.HsdsFileError as error:
            form.add_error("file", str(error))
        else:
            upload_row = HsdsImport.objects.create(
                neighbourhood=request.neighbourhood,
                filename=name,
                data=data,
                preview=preview,
                created_by=request.user,
            )
            return redirect(_url(request, "hsds_import_preview", uid=upload_row.uid))
    recent = HsdsImport.objects.filter(imported_at__isnull=False).select_related("created_by")[:5]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "socialmap/hsds/upload.html",
        {"form": form, "recent": recent, "max_mb": hsds.MAX_FILE_BYTES // MB},
        status=status,
    )


def _upload(uid) -> HsdsImport:
    found = HsdsImport.objects.filter(uid=uid).first()
    if found is None:
        raise Http404
    return found


@neighbourhood_view("socialmap.hsds.import")
def import_preview(request, uid):
    upload = _upload(uid)
    report = upload.result if upload.imported_at else upload.preview
    return render(
        request,
        "socialmap/hsds/preview.html",
        {"upload": upload, "report": report, "done": upload.imported_at is not None},
    )


@require_POST
@neighbourhood_view("socialmap.hsds.import")
def import_confirm(request, uid):
    with transaction.atomic():
        upload = HsdsImport.objects.select_for_update().filter(uid=uid).first()
        if upload is None:
            raise Http404
        if upload.imported_at is None:
            try:
                plan = hsds.import_file(
                    request.neighbourhood, bytes(upload.data), upload.filename, actor=request.user
                )
                upload.result = plan.report()
            except hsds.HsdsFileError as error:  # cannot happen for a file that was previewed
                upload.result = {"counts": {}, "warnings": [str(error)], "records": []}
            upload.imported_at = timezone.now()
            upload.data = None  # the file itself is not kept
            upload.save(update_fields=["result", "imported_at", "data"])
            log_action(
                actor=request.user,
                action="socialmap.hsds.import",
                target=upload,
                neighbourhood=request.neighbourhood,
                data={"file": upload.filename, **upload.result.get("counts", {})},
            )
    return redirect(_url(request, "hsds_import_preview", uid=upload.uid))
