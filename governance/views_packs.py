"""Board packs: ask for one, watch it build, download the PDF and the workbook."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from core.exports import XLSX_TYPE
from governance import selectors, services
from governance.models import BoardPack


def packs(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        pack = services.board_pack_request(actor=request.user)
        messages.info(request, "Your board pack is being built.")
        return redirect("governance:pack", pk=pack.pk)
    return render(request, "governance/packs.jinja", {"packs": selectors.board_packs()})


def pack_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pack = selectors.board_pack(pk)
    if pack is None:
        raise Http404
    return render(request, "governance/pack.jinja", {"pack": pack})


def pack_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    pack = selectors.board_pack(pk)
    if pack is None or pack.status != BoardPack.Status.READY or fmt not in ("pdf", "xlsx"):
        raise Http404
    stored = pack.pdf if fmt == "pdf" else pack.xlsx
    body = bytes(stored) if stored is not None else b""
    response = HttpResponse(body, content_type="application/pdf" if fmt == "pdf" else XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(pack.title)}.{fmt}"'
    return response
