from django.urls import path

from tellonce.appeals.views import area, child

app_name = "appeals"
urlpatterns = [
    path("appeals/", area.open_appeals, name="open"),
    path("appeals/<uuid:pk>/", child.appeal_detail, name="appeal"),
    path("appeals/<uuid:pk>/change/", child.appeal_edit, name="appeal-edit"),
    path("appeals/<uuid:pk>/orders/new/", child.order_new, name="order-new"),
    path("appeals/orders/<uuid:pk>/complied/", child.order_complied, name="order-complied"),
    path("mediation/<uuid:pk>/change/", child.mediation_edit, name="mediation-edit"),
    path("children/<uuid:child_pk>/appeals/", child.child_appeals, name="child"),
    path("children/<uuid:child_pk>/appeals/new/", child.appeal_new, name="appeal-new"),
    path("children/<uuid:child_pk>/mediation/new/", child.mediation_new, name="mediation-new"),
]
