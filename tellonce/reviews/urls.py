from django.urls import path

from tellonce.reviews.views import area, ceasing, review, steps

app_name = "reviews"
urlpatterns = [
    path("reviews/", area.schedule_page, name="schedule"),
    path("reviews/our-pupils/", area.setting_reviews, name="setting"),
    path("reviews/timeliness/", area.timeliness, name="timeliness"),
    path("reviews/attention/", area.attention, name="attention"),
    path("reviews/adulthood/", area.adulthood, name="adulthood"),
    path("reviews/<uuid:pk>/", review.detail, name="detail"),
    path("reviews/<uuid:pk>/report/", review.paperwork, name="report"),
    path("reviews/<uuid:pk>/amend/", steps.start_amendment, name="amend"),
    path("reviews/<uuid:pk>/<slug:step>/", steps.step, name="step"),
    path("plans/<uuid:pk>/reviews/", review.plan_reviews, name="plan"),
    path("plans/<uuid:pk>/reviews/new/", review.arrange, name="arrange"),
    path("plans/<uuid:pk>/cease/", ceasing.consider, name="consider-ceasing"),
    path("plans/<uuid:pk>/cease/<slug:step>/", ceasing.ceasing_step, name="ceasing"),
    path("plans/<uuid:pk>/moves/out/", ceasing.move_out, name="move-out"),
    path("children/<uuid:child_pk>/plans/transfer-in/", ceasing.move_in, name="move-in"),
]
