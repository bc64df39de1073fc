from django.urls import URLPattern

from core.access import Access

app_name = "training"

urlpatterns: list[URLPattern] = []

access: dict[str, Access] = {}
