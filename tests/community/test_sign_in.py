from __future__ import annotations

from django.urls import reverse

from tests.community.factories import UserFactory, verified


def test_staff_sign_in_with_their_email_and_land_on_their_home_page(client, db):
    user = verified(UserFactory(email="nurse@riverside.example"))

    response = client.post(
        reverse("account_login"), {"login": "Nurse@Riverside.example", "password": "a-good-password-123"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("community:home")
    assert client.get(reverse("community:home")).context["request"].user == user


def test_a_wrong_password_shows_the_error_and_keeps_the_email(client, db):
    verified(UserFactory(email="nurse@riverside.example"))

    response = client.post(
        reverse("account_login"), {"login": "nurse@riverside.example", "password": "wrong"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert "There is a problem" in page
    assert 'value="nurse@riverside.example"' in page


def test_an_unverified_address_cannot_sign_in_until_confirmed(client, db, mailoutbox):
    UserFactory(email="new@riverside.example")

    response = client.post(
        reverse("account_login"), {"login": "new@riverside.example", "password": "a-good-password-123"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    assert "confirm" in mailoutbox[0].subject.lower()


def test_pages_need_sign_in_but_the_landing_page_does_not(client, db):
    assert client.get(reverse("community:landing")).status_code == 200
    response = client.get(reverse("community:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_inactive_user_is_refused(client, db):
    user = verified(UserFactory(email="gone@riverside.example", is_active=False))

    response = client.post(reverse("account_login"), {"login": user.email, "password": "a-good-password-123"})

    assert response.status_code in (200, 302)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, db, mailoutbox):
    user = verified(UserFactory(email="forgetful@riverside.example"))

    client.post(reverse("account_reset_password"), {"email": "forgetful@riverside.example"})

    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/key/" in line)
    path = link[link.index("/accounts/") :].strip()
    form_page = client.get(path, follow=True)
    action = form_page.context["action_url"]
    done = client.post(action, {"password1": "a-brand-new-password-9", "password2": "a-brand-new-password-9"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-password-9")
