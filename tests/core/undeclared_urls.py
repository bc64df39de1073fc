"""A urlconf with routes that nobody gave an access rule, to show they are refused."""

from django.http import HttpResponse
from django.urls import include, path
from rest_framework.decorators import api_view
from rest_framework.response import Response


def undeclared(request):  # type: ignore[no-untyped-def]
    return HttpResponse("should never be seen")


@api_view(["GET"])
def undeclared_api(request):  # type: ignore[no-untyped-def]
    return Response({"seen": True})


api_patterns = ([path("undeclared-api/", undeclared_api, name="undeclared")], "api")

urlpatterns = [
    path("undeclared/", undeclared, name="undeclared"),
    path("", include(api_patterns)),
    path("accounts/", include("allauth.urls")),
]
