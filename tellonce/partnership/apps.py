from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "tellonce.partnership"
    label = "partnership"
    verbose_name = "Partnership dashboard: the board's measures against targets and published figures"

    def ready(self) -> None:
        from tellonce.jobs import prepared
        from tellonce.partnership.views import dashboard_pdf_producer

        prepared.register(dashboard_pdf_producer)
