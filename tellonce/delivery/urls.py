from django.urls import path

from tellonce.delivery import views

app_name = "delivery"
urlpatterns = [
    path("delivery/record/", views.to_record, name="to-record"),
    path("delivery/commitments/<uuid:pk>/record/<str:half_term>/", views.record, name="record"),
    path("delivery/commitments/<uuid:pk>/report/", views.report, name="report"),
    path("delivery/commitments/<uuid:pk>/follow-up/", views.follow_up, name="follow-up"),
    path("delivery/commitments/<uuid:pk>/how-often/", views.frequency, name="frequency"),
    path("delivery/follow-up/", views.to_follow_up, name="to-follow-up"),
    path("delivery/escalation/", views.escalation, name="escalation"),
    path("delivery/half-terms/", views.half_terms, name="half-terms"),
    path("delivery/half-terms/<int:year>/", views.half_terms_year, name="half-terms-year"),
    path("delivery/half-terms/<int:year>/remove/", views.remove_half_terms, name="half-terms-remove"),
    path("delivery/figures/", views.figures, name="figures"),
    path("children/<uuid:child_pk>/provision-delivery/", views.child, name="child"),
    path("children/<uuid:child_pk>/provision-delivery/update/", views.bring_up_to_date, name="update"),
]
