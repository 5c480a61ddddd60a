"""gunicorn's target: the only module-level app. Each worker imports it after fork."""

from service.logs import configure_logging
from service.settings import Settings
from service.web.app import create_app

settings = Settings.from_env()
configure_logging(settings.log_level)
app = create_app(settings)
