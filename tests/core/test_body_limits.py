"""Bodies are bounded before they are read, and anonymous bodies never reach a signed-in route."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import Client

from core.limits import LimitedUploadHandler
from projects.models import Project


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


@pytest.mark.django_db
def test_a_declared_length_over_the_limit_is_refused_before_reading(settings, member, client_for):
    settings.MAX_REQUEST_BODY_BYTES = 1024
    response = client_for(member).generic(
        "POST", "/projects/new/", b"x" * 10, content_type="text/plain", CONTENT_LENGTH="5000000000"
    )
    assert response.status_code == 413
    api = client_for(member).generic(
        "POST", "/api/v1/projects/", b"{}", content_type="application/json", CONTENT_LENGTH="5000000000"
    )
    assert api.status_code == 413 and "larger than" in api.json()["detail"]


@pytest.mark.django_db
def test_an_anonymous_upload_to_a_signed_in_route_is_refused_and_never_written(upload_dir):
    big = SimpleUploadedFile("poster.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), "application/pdf")
    # CSRF checks on, as in a browser: they would read (and spool to disk) the body to find the token.
    response = Client(enforce_csrf_checks=True).post("/projects/new/", {"title": "Falls", "file": big})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert list(upload_dir.iterdir()) == []
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_api_body_is_refused_with_401():
    response = Client().post("/api/v1/projects/", {"title": "Falls"}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.django_db
def test_public_routes_still_take_anonymous_bodies():
    response = Client().post("/accounts/login/", {"login": "nobody@partner.example", "password": "wrong-one"})
    assert response.status_code == 200  # the form, shown again with its error


def test_the_upload_handler_stops_a_body_without_a_declared_length(settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    handler = LimitedUploadHandler()
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 600, 600)
