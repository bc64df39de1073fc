"""Top-level routes. Each app's urls module carries its own `access` table (see core.access)."""

from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from core.access import ADMINS, PUBLIC, SIGNED_IN

urlpatterns = [
    path("", include("community.urls")),
    path("", include("champions.urls")),
    path("projects/", include("projects.urls")),
    path("training/", include("training.urls")),
    path("facilitation/", include("facilitation.urls")),
    path("governance/", include("governance.urls")),
    path("together/", include("together.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/docs/", core_views.api_docs, name="api-docs"),
    path("api/v1/", include(("config.api_urls", "api"), namespace="api")),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
]

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

access = {
    "healthz": PUBLIC,
    "api-docs": SIGNED_IN,
    # The Django admin: community admins only (core.admin_site checks the same role).
    "admin:*": ADMINS,
    # Sign-in pages are open; those that need a signed-in user redirect on their own.
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_request_login_code": PUBLIC,
    "account_confirm_login_code": PUBLIC,
    # Two-factor authentication (allauth.mfa): the code page comes between password and signed in.
    "mfa_authenticate": PUBLIC,
    # Sign-in with a Microsoft work account (allauth.socialaccount), when configured.
    "microsoft_login": PUBLIC,
    "microsoft_callback": PUBLIC,
    "socialaccount_login_cancelled": PUBLIC,
    "socialaccount_login_error": PUBLIC,
    "socialaccount_signup": PUBLIC,
    "socialaccount_connections": SIGNED_IN,
    "mfa_trust": PUBLIC,
    "mfa_index": SIGNED_IN,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
}
