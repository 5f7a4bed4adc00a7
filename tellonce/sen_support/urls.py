from django.urls import path

from tellonce.sen_support import views

app_name = "sen_support"
urlpatterns = [
    path("sen-support/", views.pupils, name="pupils"),
    path("sen-support/figures/", views.figures, name="figures"),
    path("sen-support/census/", views.census, name="census"),
    path("sen-support/census/to-match/", views.to_match, name="to-match"),
    path("sen-support/pupils/<uuid:child_pk>/", views.pupil, name="pupil"),
    path("sen-support/pupils/<uuid:child_pk>/cycles/new/", views.cycle_new, name="cycle-new"),
    path("sen-support/cycles/<uuid:pk>/", views.cycle, name="cycle"),
    path("sen-support/cycles/<uuid:pk>/review/", views.cycle_review, name="cycle-review"),
]
