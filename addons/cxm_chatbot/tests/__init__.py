from . import test_chatbot_api, test_livechat
