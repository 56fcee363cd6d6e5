from django.urls import path

from . import movement_views, views
from .statistics.urls import urlpatterns as statistics_urlpatterns

app_name = "awards"
urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/<int:pk>-<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("phong-trao/", movement_views.movement_list, name="movement_list"),
    path("phong-trao/<slug:slug>/", movement_views.movement_detail, name="movement_detail"),
]
urlpatterns += statistics_urlpatterns
