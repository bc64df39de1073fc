"""Stored JSON sent as it is: read as text and written into the response, not decoded and encoded again.

    class SnapshotSerializer(serializers.ModelSerializer):
        data = RawJSONField(source="data_text")  # the queryset annotates Cast("data", TextField())

    class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
        renderer_classes = RAW_JSON_RENDERERS

A dashboard snapshot holds hundreds of kilobytes of JSON. Decoding it from the database and encoding it
again for every API response cost two thirds of the request; PostgreSQL's own text of a `jsonb` value is
already valid JSON. The renderer puts a marker where each raw value goes, encodes the rest as usual and
replaces each marker (a quoted string with a random token chosen for this response) with the text.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import renderers, serializers


class RawJSON(str):
    """Text that is already JSON."""


@extend_schema_field(OpenApiTypes.OBJECT)
class RawJSONField(serializers.Field):
    """A read-only field whose value is JSON text (for example a `jsonb` column cast to text)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: str) -> RawJSON:
        return RawJSON(value)


class RawJSONRenderer(renderers.JSONRenderer):
    """JSON, with each `RawJSON` value written as it is."""

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        raw: list[str] = []
        marker = f"raw-json-{secrets.token_hex(16)}"

        def swap(value: Any) -> Any:
            if isinstance(value, RawJSON):
                raw.append(value)
                return f"{marker}:{len(raw) - 1}"
            if isinstance(value, dict):
                return {key: swap(item) for key, item in value.items()}
            if isinstance(value, list):
                return [swap(item) for item in value]
            return value

        body = super().render(swap(data), accepted_media_type, renderer_context)
        if not raw:
            return body
        return re.sub(f'"{marker}:(\\d+)"'.encode(), lambda found: _safe(raw[int(found[1])]), body)


def _safe(text: str) -> bytes:
    """As DRF's renderer writes JSON: the two line separators JavaScript would not take in a string are
    escaped (in JSON text they can only stand inside strings)."""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()


# The browsable API shows what the first renderer writes, so it shows the raw values too.
RAW_JSON_RENDERERS = [RawJSONRenderer, renderers.BrowsableAPIRenderer]
