from django.urls import URLPattern

from core.access import Access

app_name = "governance"

urlpatterns: list[URLPattern] = []

access: dict[str, Access] = {}
