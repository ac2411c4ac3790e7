// Opportunity, OpportunityLineItem, Product2, Pricebook2, PricebookEntry, Quote, Contract, Order,
// Asset, Campaign, CampaignMember.
#include "emulator/org/standard_objects_internal.h"

namespace emu::standard {
namespace {

void add_opportunity(Catalog& catalog) {
  ObjectBuilder b("Opportunity", "Opportunity", "Opportunities", "006");
  b.add(lookup("AccountId", "Account ID", {"Account"}, "Account"))
      .add(boolean("IsPrivate", "Private"))
      .add(text("Name", "Name", 120).required().name_field().id_lookup())
      .add(description())
      .add(picklist("StageName", "Stage",
                    {"Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
                     "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
                     "Closed Lost"})
               .required())
      .add(currency("Amount", "Amount", 18, 2))
      .add(percent("Probability", "Probability (%)", 3, 0).defaulted())
      .add(currency("ExpectedRevenue", "Expected Amount", 18, 2).calculated())
      .add(decimal("TotalOpportunityQuantity", "Quantity", 18, 2))
      .add(date("CloseDate", "Close Date").required())
      .add(picklist("Type", "Opportunity Type",
                    {"Existing Customer - Upgrade", "Existing Customer - Replacement",
                     "Existing Customer - Downgrade", "New Customer"}))
      .add(text("NextStep", "Next Step", 255))
      .add(lead_source())
      .add(boolean("IsClosed", "Closed").read_only())
      .add(boolean("IsWon", "Won").read_only())
      .add(picklist("ForecastCategory", "Forecast Category",
                    {"Omitted", "Pipeline", "BestCase", "MostLikely", "Forecast", "Closed"})
               .read_only()
               .not_null_defaulted())
      .add(picklist("ForecastCategoryName", "Forecast Category",
                    {"Omitted", "Pipeline", "Best Case", "Commit", "Closed"})
               .defaulted())
      .add(lookup("CampaignId", "Campaign ID", {"Campaign"}, "Campaign"))
      .add(boolean("HasOpportunityLineItem", "Has Line Item").read_only())
      .add(lookup("Pricebook2Id", "Price Book ID", {"Pricebook2"}, "Pricebook2"))
      .add(lookup("ContactId", "Contact ID", {"Contact"}, "Contact"))
      .owner()
      .audit()
      .add(date("LastActivityDate", "Last Activity").read_only())
      .add(integer("FiscalQuarter", "Fiscal Quarter", 8).read_only())
      .add(integer("FiscalYear", "Fiscal Year", 4).read_only())
      .add(text("Fiscal", "Fiscal Period", 6).read_only())
      .recently_viewed();
  catalog.add(b.build());
}

void add_product(Catalog& catalog) {
  ObjectBuilder b("Product2", "Product", "Products", "01t");
  b.add(text("Name", "Product Name", 255).required().name_field())
      .add(text("ProductCode", "Product Code", 255))
      .add(description())
      .add(boolean("IsActive", "Active"))
      .add(picklist("Family", "Product Family", {"None", "Hardware", "Software", "Services"}))
      .add(text("ExternalId", "External ID", 255).external_id())
      .add(text("DisplayUrl", "Display URL", 1000))
      .add(text("QuantityUnitOfMeasure", "Quantity Unit Of Measure", 255))
      .add(text("StockKeepingUnit", "Product SKU", 180))
      .audit()
      .recently_viewed();
  catalog.add(b.build());
}

void add_pricebook(Catalog& catalog) {
  ObjectBuilder b("Pricebook2", "Price Book", "Price Books", "01s");
  b.add(text("Name", "Price Book Name", 255).required().name_field())
      .add(boolean("IsActive", "Active"))
      .add(boolean("IsArchived", "Is Archived").read_only())
      .add(description())
      .add(boolean("IsStandard", "Is Standard Price Book").read_only())
      .audit()
      .recently_viewed();
  catalog.add(b.build());

  ObjectBuilder e("PricebookEntry", "Price Book Entry", "Price Book Entries", "01u");
  e.add(text("Name", "Product Name", 255).calculated().name_field())
      .add(lookup("Pricebook2Id", "Price Book ID", {"Pricebook2"}, "Pricebook2").required().create_only())
      .add(lookup("Product2Id", "Product ID", {"Product2"}, "Product2").required().create_only())
      .add(currency("UnitPrice", "List Price", 18, 2).required())
      .add(boolean("IsActive", "Active"))
      .add(boolean("UseStandardPrice", "Use Standard Price"))
      .add(text("ProductCode", "Product Code", 255).calculated())
      .add(boolean("IsArchived", "Is Archived").read_only())
      .audit();
  catalog.add(e.build());
}

void add_line_item(Catalog& catalog) {
  ObjectBuilder b("OpportunityLineItem", "Opportunity Product", "Opportunity Product", "00k");
  b.add(lookup("OpportunityId", "Opportunity ID", {"Opportunity"}, "Opportunity").required().create_only())
      .add(integer("SortOrder", "Sort Order", 9).read_only())
      .add(lookup("PricebookEntryId", "Price Book Entry ID", {"PricebookEntry"}, "PricebookEntry")
               .create_only()
               .defaulted())
      .add(lookup("Product2Id", "Product ID", {"Product2"}, "Product2").create_only().defaulted())
      .add(text("ProductCode", "Product Code", 255).calculated())
      .add(text("Name", "Opportunity Product Name", 376).calculated().name_field())
      .add(decimal("Quantity", "Quantity", 12, 2).required())
      .add(currency("TotalPrice", "Total Price", 16, 2).defaulted())
      .add(currency("UnitPrice", "Sales Price", 18, 2).defaulted())
      .add(currency("ListPrice", "List Price", 18, 2).calculated())
      .add(date("ServiceDate", "Date"))
      .add(text("Description", "Line Description", 255))
      .audit();
  catalog.add(b.build());
}

void add_quote(Catalog& catalog) {
  ObjectBuilder b("Quote", "Quote", "Quotes", "0Q0");
  b.add(text("Name", "Quote Name", 255).required().name_field())
      .add(lookup("Pricebook2Id", "Price Book ID", {"Pricebook2"}, "Pricebook2"))
      .add(lookup("OpportunityId", "Opportunity ID", {"Opportunity"}, "Opportunity").required().create_only())
      .add(text("QuoteNumber", "Quote Number", 30).auto_number())
      .add(boolean("IsSyncing", "Syncing").read_only())
      .add(currency("ShippingHandling", "Shipping and Handling", 16, 2))
      .add(currency("Tax", "Tax", 16, 2))
      .add(picklist("Status", "Status",
                    {"Draft", "Needs Review", "In Review", "Approved", "Rejected", "Presented", "Accepted",
                     "Denied"},
                    "Draft"))
      .add(date("ExpirationDate", "Expiration Date"))
      .add(description())
      .add(currency("Subtotal", "Subtotal", 18, 2).calculated())
      .add(currency("TotalPrice", "Total Price", 18, 2).calculated())
      .add(integer("LineItemCount", "Line Items", 8).calculated())
      .add(currency("GrandTotal", "Grand Total", 18, 2).calculated())
      .add(lookup("ContactId", "Contact ID", {"Contact"}, "Contact"))
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account").read_only())
      .add(email("Email", "Email"))
      .add(phone("Phone", "Phone"))
      .add(text("BillingName", "Bill To Name", 255))
      .address("Billing", "Bill To")
      .owner()
      .audit()
      .recently_viewed();
  catalog.add(b.build());
}

void add_contract(Catalog& catalog) {
  ObjectBuilder b("Contract", "Contract", "Contracts", "800");
  b.add(lookup("AccountId", "Account ID", {"Account"}, "Account").required())
      .add(lookup("Pricebook2Id", "Price Book ID", {"Pricebook2"}, "Pricebook2"))
      .add(picklist("OwnerExpirationNotice", "Owner Expiration Notice", {"15", "30", "45", "60", "90", "120"}))
      .add(date("StartDate", "Contract Start Date"))
      .add(date("EndDate", "Contract End Date").calculated())
      .address("Billing", "Billing")
      .add(integer("ContractTerm", "Contract Term", 4))
      .owner()
      .add(picklist("Status", "Status", {"In Approval Process", "Activated", "Draft"}, "Draft").not_null_defaulted())
      .add(lookup("CompanySignedId", "Company Signed By ID", {"User"}, "CompanySigned"))
      .add(date("CompanySignedDate", "Company Signed Date"))
      .add(lookup("CustomerSignedId", "Customer Signed By ID", {"Contact"}, "CustomerSigned"))
      .add(text("CustomerSignedTitle", "Customer Signed Title", 40))
      .add(date("CustomerSignedDate", "Customer Signed Date"))
      .add(text("SpecialTerms", "Special Terms", 4000))
      .add(date("ActivatedDate", "Activated Date").read_only())
      .add(picklist("StatusCode", "Status Category", {"Draft", "InApproval", "Activated", "Terminated", "Expired"})
               .read_only()
               .not_null_defaulted())
      .add(description())
      .add(text("ContractNumber", "Contract Number", 30).auto_number())
      .audit()
      .add(date("LastActivityDate", "Last Activity").read_only())
      .recently_viewed();
  catalog.add(b.build());
}

void add_order(Catalog& catalog) {
  ObjectBuilder b("Order", "Order", "Orders", "801");
  b.owner()
      .add(lookup("ContractId", "Contract ID", {"Contract"}, "Contract"))
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account").required())
      .add(lookup("Pricebook2Id", "Price Book ID", {"Pricebook2"}, "Pricebook2"))
      .add(lookup("OpportunityId", "Opportunity ID", {"Opportunity"}, "Opportunity"))
      .add(lookup("QuoteId", "Quote ID", {"Quote"}, "Quote"))
      .add(date("EffectiveDate", "Order Start Date").required())
      .add(date("EndDate", "Order End Date"))
      .add(boolean("IsReductionOrder", "Reduction Order").create_only())
      .add(picklist("Status", "Status", {"Draft", "Activated"}, "Draft").not_null_defaulted())
      .add(description())
      .add(lookup("CustomerAuthorizedById", "Customer Authorized By ID", {"Contact"}, "CustomerAuthorizedBy"))
      .add(date("CustomerAuthorizedDate", "Customer Authorized Date"))
      .address("Billing", "Billing")
      .address("Shipping", "Shipping")
      .add(text("Name", "Order Name", 80).name_field())
      .add(text("PoNumber", "PO Number", 80))
      .add(text("OrderReferenceNumber", "Order Reference Number", 80))
      .add(lookup("BillToContactId", "Bill To Contact ID", {"Contact"}, "BillToContact"))
      .add(lookup("ShipToContactId", "Ship To Contact ID", {"Contact"}, "ShipToContact"))
      .add(datetime("ActivatedDate", "Activated Date"))
      .add(picklist("StatusCode", "Status Category", {"Draft", "Activated", "Canceled", "Expired"})
               .read_only()
               .not_null_defaulted())
      .add(text("OrderNumber", "Order Number", 30).auto_number())
      .add(currency("TotalAmount", "Order Amount", 18, 2).calculated())
      .add(picklist("Type", "Order Type", {"New", "Renewal", "Upgrade"}))
      .audit()
      .recently_viewed();
  catalog.add(b.build());
}

void add_asset(Catalog& catalog) {
  ObjectBuilder b("Asset", "Asset", "Assets", "02i");
  b.add(lookup("ContactId", "Contact ID", {"Contact"}, "Contact"))
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account"))
      .add(lookup("ParentId", "Parent Asset ID", {"Asset"}, "Parent"))
      .add(lookup("RootAssetId", "Root Asset ID", {"Asset"}, "RootAsset").read_only())
      .add(lookup("Product2Id", "Product ID", {"Product2"}, "Product2"))
      .add(text("ProductCode", "Product Code", 255).calculated())
      .add(boolean("IsCompetitorProduct", "Competitor Asset"))
      .add(text("Name", "Asset Name", 255).required().name_field())
      .add(text("SerialNumber", "Serial Number", 80))
      .add(date("InstallDate", "Install Date"))
      .add(date("PurchaseDate", "Purchase Date"))
      .add(date("UsageEndDate", "Usage End Date"))
      .add(picklist("Status", "Status", {"Purchased", "Shipped", "Installed", "Registered", "Obsolete"}))
      .add(currency("Price", "Price", 18, 2))
      .add(decimal("Quantity", "Quantity", 18, 2))
      .add(description())
      .owner()
      .audit()
      .recently_viewed();
  catalog.add(b.build());
}

void add_campaign(Catalog& catalog) {
  ObjectBuilder b("Campaign", "Campaign", "Campaigns", "701");
  b.add(text("Name", "Name", 80).required().name_field())
      .add(lookup("ParentId", "Parent Campaign ID", {"Campaign"}, "Parent"))
      .add(picklist("Type", "Type",
                    {"Conference", "Webinar", "Trade Show", "Public Relations", "Partners", "Referral Program",
                     "Advertisement", "Banner Ads", "Direct Mail", "Email", "Telemarketing", "Other"}))
      .add(picklist("Status", "Status", {"Planned", "In Progress", "Completed", "Aborted"}))
      .add(date("StartDate", "Start Date"))
      .add(date("EndDate", "End Date"))
      .add(currency("ExpectedRevenue", "Expected Revenue in Campaign", 18, 0))
      .add(currency("BudgetedCost", "Budgeted Cost in Campaign", 18, 0))
      .add(currency("ActualCost", "Actual Cost in Campaign", 18, 0))
      .add(decimal("ExpectedResponse", "Expected Response (%)", 10, 2))
      .add(decimal("NumberSent", "Num Sent in Campaign", 18, 0))
      .add(boolean("IsActive", "Active"))
      .add(description())
      .add(integer("NumberOfLeads", "Leads in Campaign", 9).read_only())
      .add(integer("NumberOfContacts", "Contacts in Campaign", 9).read_only())
      .add(integer("NumberOfResponses", "Responses in Campaign", 9).read_only())
      .add(integer("NumberOfOpportunities", "Opportunities in Campaign", 9).read_only())
      .add(currency("AmountAllOpportunities", "Value Opportunities in Campaign", 18, 0).read_only())
      .add(currency("AmountWonOpportunities", "Value Won Opportunities in Campaign", 18, 0).read_only())
      .owner()
      .audit()
      .add(date("LastActivityDate", "Last Activity").read_only())
      .recently_viewed();
  catalog.add(b.build());
}

void add_campaign_member(Catalog& catalog) {
  ObjectBuilder b("CampaignMember", "Campaign Member", "Campaign Members", "00v");
  b.add(lookup("CampaignId", "Campaign ID", {"Campaign"}, "Campaign").required().create_only())
      .add(lookup("LeadId", "Lead ID", {"Lead"}, "Lead").create_only())
      .add(lookup("ContactId", "Contact ID", {"Contact"}, "Contact").create_only())
      .add(picklist("Status", "Status", {"Planned", "Received", "Responded", "Sent"}, "Sent"))
      .add(boolean("HasResponded", "Responded").read_only())
      .audit()
      .add(date("FirstRespondedDate", "First Responded Date").read_only())
      .add(text("Salutation", "Salutation", 40).calculated())
      .add(text("Name", "Name", 121).calculated().name_field())
      .add(text("FirstName", "First Name", 40).calculated())
      .add(text("LastName", "Last Name", 80).calculated())
      .add(text("Title", "Title", 128).calculated())
      .add(text("CompanyOrAccount", "Company (Account)", 255).calculated())
      .add(email("Email", "Email").calculated())
      .add(phone("Phone", "Phone").calculated())
      .add(lookup("LeadOrContactId", "Contact or Lead ID", {"Contact", "Lead"}, "").calculated())
      .add(lookup("LeadOrContactOwnerId", "Lead or Contact Owner ID", {"Group", "User"}, "LeadOrContactOwner")
               .calculated());
  catalog.add(b.build());
}

}  // namespace

void add_sales_objects(Catalog& catalog) {
  add_opportunity(catalog);
  add_product(catalog);
  add_pricebook(catalog);
  add_line_item(catalog);
  add_quote(catalog);
  add_contract(catalog);
  add_order(catalog);
  add_asset(catalog);
  add_campaign(catalog);
  add_campaign_member(catalog);
}

}  // namespace emu::standard
