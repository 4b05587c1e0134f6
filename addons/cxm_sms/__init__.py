from . import models, routers, tools, wizards
