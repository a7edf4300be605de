"""The open data API (`/api/v1/`): the public figures, the public initiatives and the
subsidy register, read-only, CC0, rate limited per client.

Nothing personal leaves through it: initiatives carry no names of people, the
register no officers, and the figures are the public ones (nothing about fewer
than five). Lists page with a cursor, so a deep page costs what the first does.
"""

from django.conf import settings
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from initiatieven.models import Initiative
from initiatieven.selectors import initiatives_for_list
from subsidies import selectors as subsidy_selectors
from subsidies.models import Grant

from .figures import FIGURE_KEYS, Figure, csv_cell, figure_for, figures_for
from .filters import DashboardFilter

LICENCE = "CC0-1.0"


class OpenDataThrottle(AnonRateThrottle):
    """Per client address; the rate is a setting (MARKTPLEIN_API_RATE)."""

    scope = "open_data"

    def get_rate(self) -> str:
        return settings.MARKTPLEIN_API_RATE


class OpenDataView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [OpenDataThrottle]


class InitiativePagination(CursorPagination):
    page_size = 50
    ordering = ("-submitted_at", "-id")


class RegisterPagination(CursorPagination):
    page_size = 50
    ordering = ("-granted_at", "-id")


# Figures -------------------------------------------------------------------------


class ColumnSerializer(serializers.Serializer):
    label = serializers.CharField()
    kind = serializers.CharField()


class FigureSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=FIGURE_KEYS)
    section = serializers.CharField()
    title = serializers.CharField()
    meaning = serializers.CharField(help_text="What the figure means, in one sentence.")
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_null=True)),
        help_text=(
            "Values as in the CSV: amounts with a point and two decimals, percentages "
            "0-100, '<5' where a number about fewer than 5 is left out, null when unknown."
        ),
    )
    computed_at = serializers.DateTimeField()

    def to_representation(self, figure: Figure) -> dict:
        return {
            "key": figure.key,
            "section": figure.section,
            "title": str(figure.title),
            "meaning": str(figure.meaning),
            "columns": [
                {"label": str(column.label), "kind": column.kind} for column in figure.columns
            ],
            "rows": [
                [
                    None if cell == "" else str(cell)
                    for cell in (
                        csv_cell(value, figure.kind_of(number, index))
                        for index, value in enumerate(row)
                    )
                ]
                for number, row in enumerate(figure.rows)
            ],
            "computed_at": serializers.DateTimeField().to_representation(figure.computed_at),
        }


SCOPE_PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="Only this year."),
    OpenApiParameter("neighbourhood", OpenApiTypes.INT, description="A neighbourhood's id."),
    OpenApiParameter("theme", OpenApiTypes.INT, description="A theme's id."),
]
FILTER_ERROR = inline_serializer(
    "FilterError", fields={"errors": serializers.DictField(child=serializers.ListField())}
)


def _scope(request):
    """The filters from the query; a wrong value is a 400 that says which."""
    chosen = DashboardFilter(request.query_params or None)
    if chosen.form.is_bound and not chosen.form.is_valid():
        raise serializers.ValidationError({"errors": chosen.form.errors})
    return chosen.scope()


class FigureListView(OpenDataView):
    @extend_schema(
        summary="Every public figure",
        operation_id="figures_list",
        parameters=SCOPE_PARAMETERS,
        responses={
            200: inline_serializer(
                "FigureList",
                fields={
                    "licence": serializers.CharField(),
                    "results": FigureSerializer(many=True),
                },
            ),
            400: FILTER_ERROR,
        },
    )
    def get(self, request):
        figures = figures_for(_scope(request), public=True)
        return Response({"licence": LICENCE, "results": FigureSerializer(figures, many=True).data})


class FigureDetailView(OpenDataView):
    @extend_schema(
        summary="One public figure",
        parameters=[
            OpenApiParameter("key", str, OpenApiParameter.PATH, enum=FIGURE_KEYS),
            *SCOPE_PARAMETERS,
        ],
        responses={200: FigureSerializer, 400: FILTER_ERROR, 404: None},
    )
    def get(self, request, key: str):
        if key not in FIGURE_KEYS:
            raise Http404
        return Response(FigureSerializer(figure_for(_scope(request), key, public=True)).data)


# Initiatives ---------------------------------------------------------------------


class InitiativeSerializer(serializers.ModelSerializer):
    neighbourhood = serializers.CharField(source="neighbourhood.name", allow_null=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    submitted_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title",
            "summary",
            "status",
            "stage",
            "neighbourhood",
            "themes",
            "submitted_at",
            "url",
        ]

    def get_url(self, initiative: Initiative) -> str:
        return self.context["request"].build_absolute_uri(initiative.get_absolute_url())


def _public_initiatives():
    return (
        initiatives_for_list()
        .select_related("neighbourhood")
        .prefetch_related("themes")
        .only(
            "pk",
            "title",
            "summary",
            "status",
            "stage",
            "submitted_at",
            "neighbourhood__name",
        )
    )


class InitiativeListView(OpenDataView, generics.ListAPIView):
    """The public initiatives, newest first: nothing about the people in them."""

    serializer_class = InitiativeSerializer
    pagination_class = InitiativePagination

    def get_queryset(self):
        return _public_initiatives()


class InitiativeDetailView(OpenDataView, generics.RetrieveAPIView):
    serializer_class = InitiativeSerializer

    def get_queryset(self):
        return _public_initiatives()


# The subsidy register --------------------------------------------------------------


class GrantSerializer(serializers.ModelSerializer):
    initiative = serializers.CharField(source="initiative_title")
    scheme = serializers.CharField(source="scheme.name")
    year = serializers.IntegerField(source="scheme.year")
    requested = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)

    class Meta:
        model = Grant
        fields = [
            "id",
            "initiative",
            "scheme",
            "year",
            "requested",
            "amount",
            "settled_amount",
            "status",
            "granted_at",
        ]


class RegisterView(OpenDataView, generics.ListAPIView):
    """Every grant: initiative, scheme, asked, granted, settled (as the register page)."""

    serializer_class = GrantSerializer
    pagination_class = RegisterPagination

    def get_queryset(self):
        return subsidy_selectors.register_rows(subsidy_selectors.register())


class ApiRootView(OpenDataView):
    @extend_schema(
        summary="What this API serves",
        responses={
            200: inline_serializer(
                "ApiRoot",
                fields={
                    "licence": serializers.CharField(),
                    "figures": serializers.URLField(),
                    "initiatives": serializers.URLField(),
                    "register": serializers.URLField(),
                    "schema": serializers.URLField(),
                },
            )
        },
    )
    def get(self, request):
        def link(name):
            return reverse(f"api:{name}", request=request)

        return Response(
            {
                "licence": LICENCE,
                "figures": link("figures"),
                "initiatives": link("initiatives"),
                "register": link("register"),
                "schema": link("schema"),
            }
        )
