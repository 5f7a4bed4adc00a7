from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "tellonce.delivery"
    label = "delivery"
    verbose_name = "Provision delivery"
