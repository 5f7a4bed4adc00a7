from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "tellonce.partnership"
    label = "partnership"
    verbose_name = "Partnership dashboard: the board's measures against targets and published figures"
