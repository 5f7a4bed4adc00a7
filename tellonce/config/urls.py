from django.urls import include, path

from tellonce.config.api import api

urlpatterns = [
    path("", include("tellonce.core.urls")),
    path("", include("tellonce.operations.urls")),
    path("", include("tellonce.workspace.urls")),
    path("accounts/", include("tellonce.accounts.urls")),
    path("", include("tellonce.people.urls")),
    path("", include("tellonce.assessments.urls")),
    path("", include("tellonce.front_door.urls")),
    path("", include("tellonce.early_years.urls")),
    path("", include("tellonce.sen_support.urls")),
    path("", include("tellonce.advice.urls")),
    path("", include("tellonce.plans.urls")),
    path("", include("tellonce.reviews.urls")),
    path("", include("tellonce.delivery.urls")),
    path("", include("tellonce.appeals.urls")),
    path("", include("tellonce.finance.urls")),
    path("", include("tellonce.panels.urls")),
    path("", include("tellonce.feedback.urls")),
    path("", include("tellonce.waiting_lists.urls")),
    path("", include("tellonce.local_offer.urls")),
    path("oruk/", include("tellonce.local_offer.oruk.urls")),
    path("", include("tellonce.improvement.urls")),
    path("", include("tellonce.inclusion.urls")),
    path("", include("tellonce.audits.urls")),
    path("administration/", include("tellonce.administration.urls")),
    path("administration/background-work/", include("tellonce.jobs.urls")),
    path("files/", include("tellonce.jobs.file_urls")),
    path("", include("tellonce.records.urls")),
    path("", include("tellonce.returns.urls")),
    path("", include("tellonce.partnership.urls")),
    path("api/v1/", api.urls),
]

handler403 = "tellonce.core.views.forbidden"
handler404 = "tellonce.core.views.not_found"
handler500 = "tellonce.core.views.server_error"
