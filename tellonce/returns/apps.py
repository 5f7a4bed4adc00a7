from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "tellonce.returns"
    label = "returns"
    verbose_name = "Statutory returns: the SEN2 person-level return"
