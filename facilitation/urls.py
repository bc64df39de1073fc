from django.urls import URLPattern

from core.access import Access

app_name = "facilitation"

urlpatterns: list[URLPattern] = []

access: dict[str, Access] = {}
