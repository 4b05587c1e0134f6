from . import controllers, models, routers
