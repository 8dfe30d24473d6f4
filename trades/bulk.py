"""Trade profiles and offers in bulk: their CSV and XLSX files (core.exchange.pages).

One column per field an editor fills in; links by slug (taxonomy terms, pages), several separated
by « | »; text fields written as blocks (StreamField) as the JSON Wagtail stores, or as plain text
whose paragraphs become paragraph blocks. Training paths (inline on a trade) are not in the file:
an import keeps them as they are.
"""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from core.exchange.pages import PageExchange, PageResource
from core.exchange.widgets import (
    ChoiceWidget,
    DateWidget,
    ReferenceListWidget,
    ReferenceWidget,
    StreamWidget,
    TagsWidget,
    TextWidget,
    YesNoWidget,
)
from knowledge.models import KnowHowPage, LabelPage
from knowledge.taxonomy import Audience, ContractKind, Department, Domain, Material, TrainingLevel

from .models import OpportunityIndexPage, OpportunityPage, TradeIndexPage, TradeProfilePage

REGIONAL_STATUS_CODES = {
    TradeProfilePage.RegionalStatus.RECRUITING: "recrute",
    TradeProfilePage.RegionalStatus.ENDANGERED: "rare",
    TradeProfilePage.RegionalStatus.STABLE: "stable",
}
OFFER_KIND_CODES = {
    OpportunityPage.Kind.APPRENTICESHIP: "apprentissage",
    OpportunityPage.Kind.INTERNSHIP: "stage",
    OpportunityPage.Kind.JOB: "emploi",
    OpportunityPage.Kind.CIVIC_SERVICE: "service-civique",
    OpportunityPage.Kind.VOLUNTEERING: "benevolat",
    OpportunityPage.Kind.TRAINING: "formation",
}
# The directory's actors, without importing the actors app (a layer above this one).
ActorPage = OpportunityPage._meta.get_field("host_actor").related_model


def text(attribute, column):
    return Field(attribute=attribute, column_name=column, widget=TextWidget())


class TradeResource(PageResource):
    name_feminine = text("name_feminine", "nom_feminin")
    synonyms = text("synonyms", "autres_noms")
    hook = text("hook", "accroche")
    domains = Field(attribute="domains", column_name="domaines", widget=ReferenceListWidget(Domain))
    materials = Field(attribute="materials", column_name="materiaux", widget=ReferenceListWidget(Material))
    audiences = Field(attribute="audiences", column_name="publics", widget=ReferenceListWidget(Audience))
    tags = Field(attribute="tags", column_name="mots_cles", widget=TagsWidget())
    what_the_work_is = Field(attribute="what_the_work_is", column_name="le_metier", widget=StreamWidget())
    daily_tasks = Field(attribute="daily_tasks", column_name="taches", widget=StreamWidget())
    skills = Field(attribute="skills", column_name="competences", widget=StreamWidget())
    working_conditions = Field(
        attribute="working_conditions", column_name="conditions_de_travail", widget=StreamWidget()
    )
    employers = text("employers", "employeurs")
    rome_code = text("rome_code", "code_rome")
    rome_label = text("rome_label", "intitule_rome")
    on_craft_list = Field(attribute="on_craft_list", column_name="liste_officielle", widget=YesNoWidget())
    craft_list_domain = Field(
        attribute="craft_list_domain", column_name="domaine_liste_officielle", widget=ReferenceWidget(Domain)
    )
    regional_status = Field(
        attribute="regional_status",
        column_name="situation_regionale",
        widget=ChoiceWidget(REGIONAL_STATUS_CODES, default=TradeProfilePage.RegionalStatus.STABLE),
    )
    status_reason = text("status_reason", "raison_situation")
    related_know_how = Field(
        attribute="related_know_how", column_name="savoir_faire", widget=ReferenceListWidget(KnowHowPage)
    )
    related_labels = Field(
        attribute="related_labels", column_name="labels", widget=ReferenceListWidget(LabelPage)
    )


class TradeExchange(PageExchange):
    name = "metiers"
    label = _("Trade profiles")
    page_model = TradeProfilePage
    index_model = TradeIndexPage
    resource_class = TradeResource
    required_columns = ["titre", "accroche", "le_metier"]
    default_slug = "metier"


class OfferResource(PageResource):
    kind = Field(attribute="kind", column_name="type", widget=ChoiceWidget(OFFER_KIND_CODES))
    host_name = text("host_name", "structure")
    host_url = text("host_url", "site_structure")
    host_actor = Field(attribute="host_actor", column_name="acteur", widget=ReferenceWidget(ActorPage))
    commune = text("commune", "commune")
    department = Field(
        attribute="department",
        column_name="departement",
        widget=ReferenceWidget(Department, field="code", other_fields=("slug", "name"), required=True),
    )
    start_date = Field(attribute="start_date", column_name="date_debut", widget=DateWidget())
    duration = text("duration", "duree")
    contract_kind = Field(
        attribute="contract_kind", column_name="contrat", widget=ReferenceWidget(ContractKind)
    )
    level = Field(attribute="level", column_name="niveau", widget=ReferenceWidget(TrainingLevel))
    related_trades = Field(
        attribute="related_trades", column_name="metiers", widget=ReferenceListWidget(TradeProfilePage)
    )
    description = Field(attribute="description", column_name="description", widget=StreamWidget())
    how_to_apply = text("how_to_apply", "candidature")
    application_url = text("application_url", "lien_candidature")
    application_email = text("application_email", "email_candidature")
    closing_date = Field(
        attribute="closing_date", column_name="date_limite", widget=DateWidget(required=True)
    )
    tags = Field(attribute="tags", column_name="mots_cles", widget=TagsWidget())


class OfferExchange(PageExchange):
    name = "offres"
    label = _("Offers for young professionals")
    page_model = OpportunityPage
    index_model = OpportunityIndexPage
    resource_class = OfferResource
    required_columns = [
        "titre",
        "type",
        "structure",
        "commune",
        "departement",
        "description",
        "candidature",
        "date_limite",
    ]
    default_slug = "offre"
