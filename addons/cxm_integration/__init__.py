from . import fastapi_dispatcher, models, wizards
