from django.urls import path

from . import views
from .statistics.urls import urlpatterns as statistics_urlpatterns

app_name = "awards"
urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/<int:pk>-<slug:slug>/", views.decision_detail, name="decision_detail"),
]
urlpatterns += statistics_urlpatterns
