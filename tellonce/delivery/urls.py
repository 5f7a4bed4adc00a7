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
    path("delivery/figures/", views.figures, name="figures"),
    path("children/<uuid:child_pk>/provision-delivery/", views.child, name="child"),
    path("children/<uuid:child_pk>/provision-delivery/update/", views.bring_up_to_date, name="update"),
]
