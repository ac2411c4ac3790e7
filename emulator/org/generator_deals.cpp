// Campaigns, opportunities, cases, campaign members, tasks and events.
#include <cmath>
#include <set>

#include "emulator/org/generator_internal.h"

namespace emu::gen {
namespace {

constexpr int64_t kDay = 86400;

struct Stage {
  std::string_view name;
  int weight;
  int probability;
  std::string_view forecast;  // ForecastCategoryName
};
constexpr Stage kStages[] = {
    {"Prospecting", 14, 10, "Pipeline"},         {"Qualification", 12, 10, "Pipeline"},
    {"Needs Analysis", 8, 20, "Pipeline"},        {"Value Proposition", 7, 50, "Pipeline"},
    {"Id. Decision Makers", 5, 60, "Pipeline"},   {"Perception Analysis", 4, 70, "Pipeline"},
    {"Proposal/Price Quote", 7, 75, "Best Case"}, {"Negotiation/Review", 6, 90, "Commit"},
    {"Closed Won", 20, 100, "Closed"},            {"Closed Lost", 17, 0, "Omitted"}};

const Stage& pick_stage(fake::Rng& rng) {
  int r = static_cast<int>(rng.below(100));
  for (const auto& s : kStages) {
    if (r < s.weight) return s;
    r -= s.weight;
  }
  return kStages[0];
}

// A generated contact and (when it has one) its account, for records that point at both.
struct ContactPick {
  std::string contact_id;
  std::string account_id;
};
ContactPick pick_contact(fake::Rng& rng, const Context& ctx) {
  const IdBlock* contacts = ctx.block("Contact");
  if (!contacts) return {};
  int64_t i = static_cast<int64_t>(rng.below(static_cast<uint64_t>(contacts->count)));
  ContactPick p{contacts->id(i), {}};
  int32_t a = i < static_cast<int64_t>(ctx.contact_account.size()) ? ctx.contact_account[static_cast<size_t>(i)] : -1;
  if (a >= 0) p.account_id = ctx.block("Account")->id(a);
  return p;
}

}  // namespace

sfsync::Result<void> generate_campaigns(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "Campaign", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int name = b.slot("Name"), type = b.slot("Type"), status = b.slot("Status"), start = b.slot("StartDate"),
            end = b.slot("EndDate"), budget = b.slot("BudgetedCost"), actual = b.slot("ActualCost"),
            expected = b.slot("ExpectedRevenue"), active = b.slot("IsActive"), sent = b.slot("NumberSent"),
            description = b.slot("Description"), parent = b.slot("ParentId");
  static constexpr std::string_view kThemes[] = {"Spring Launch", "Summer Promo", "Product Webinar", "Customer Summit",
                                                 "Holiday Offer", "Partner Roadshow", "Win-back", "Newsletter"};
  return b.run([&](int64_t i, int64_t created_s) {
    std::string_view t = weighted(rng, {{"Email", 35}, {"Webinar", 20}, {"Conference", 10}, {"Trade Show", 8},
                                        {"Direct Mail", 7}, {"Advertisement", 10}, {"Other", 10}});
    std::string year = date_text(created_s).substr(0, 4);
    row.set(name, year + " " + std::string(rng.pick(kThemes)) + " - " + std::string(t) + " #" + std::to_string(i + 1));
    row.set(type, std::string(t));
    int64_t start_s = created_s + rng.between(0, 30) * kDay;
    int64_t end_s = start_s + rng.between(1, 90) * kDay;
    row.set(start, date_text(start_s));
    row.set(end, date_text(end_s));
    int64_t now = ctx.timeline.now_s();
    row.set(status, std::string(end_s < now ? (rng.chance(0.9) ? "Completed" : "Aborted")
                                            : start_s <= now ? "In Progress" : "Planned"));
    row.set(active, end_s >= now || rng.chance(0.1));
    double cost = static_cast<double>(rng.between(5, 500) * 100);
    row.set(budget, cost);
    if (end_s < now) row.set(actual, std::round(cost * (0.6 + rng.unit() * 0.7)));  // currency, scale 0
    row.set(expected, cost * static_cast<double>(rng.between(2, 20)));
    if (t == "Email" || t == "Direct Mail") row.set(sent, static_cast<double>(rng.between(100, 50000)));
    if (rng.chance(0.3)) row.set(description, fake::sentence(rng, 5, 15));
    if (i > 0 && rng.chance(0.1)) row.set(parent, b.ids().id(static_cast<int64_t>(rng.below(static_cast<uint64_t>(i)))));
  });
}

sfsync::Result<void> generate_opportunities(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "Opportunity", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int account = b.slot("AccountId"), contact = b.slot("ContactId"), name = b.slot("Name"),
            stage_slot = b.slot("StageName"), amount = b.slot("Amount"), probability = b.slot("Probability"),
            expected = b.slot("ExpectedRevenue"), close = b.slot("CloseDate"), type = b.slot("Type"),
            next_step = b.slot("NextStep"), source = b.slot("LeadSource"), closed = b.slot("IsClosed"),
            won = b.slot("IsWon"), forecast = b.slot("ForecastCategory"), forecast_name = b.slot("ForecastCategoryName"),
            campaign = b.slot("CampaignId"), quarter = b.slot("FiscalQuarter"), year = b.slot("FiscalYear"),
            fiscal = b.slot("Fiscal"), description = b.slot("Description"), private_flag = b.slot("IsPrivate"),
            has_items = b.slot("HasOpportunityLineItem");
  static constexpr std::string_view kDeals[] = {"Platform License", "Renewal", "Expansion", "Pilot", "Services",
                                                "Upgrade", "Support Contract", "Enterprise Deal"};
  const IdBlock* accounts = ctx.block("Account");
  return b.run([&](int64_t, int64_t created_s) {
    std::string company = "Unknown";
    if (accounts && rng.chance(0.95)) {
      int64_t a = static_cast<int64_t>(rng.below(static_cast<uint64_t>(accounts->count)));
      row.set(account, accounts->id(a));
      company = ctx.account_names[static_cast<size_t>(a)];
    }
    if (rng.chance(0.3)) set_text(row, contact, ctx.random_id(rng, "Contact"));
    row.set(name, company + " - " + std::string(rng.pick(kDeals)));
    const Stage& s = pick_stage(rng);
    row.set(stage_slot, std::string(s.name));
    double amt = static_cast<double>(rng.between(1, 400) * 250);
    if (rng.chance(0.9)) {
      row.set(amount, amt);
      row.set(expected, amt * s.probability / 100.0);
    }
    row.set(probability, static_cast<double>(s.probability));
    bool is_closed = s.name.rfind("Closed", 0) == 0;
    int64_t close_s = is_closed ? std::min(ctx.timeline.now_s(), created_s + rng.between(5, 180) * kDay)
                                : ctx.timeline.now_s() + rng.between(-20, 200) * kDay;
    std::string close_date = date_text(close_s);
    row.set(close, close_date);
    int m = std::stoi(close_date.substr(5, 2));
    int q = (m - 1) / 3 + 1;
    row.set(quarter, static_cast<int64_t>(q));
    row.set(year, static_cast<int64_t>(std::stoi(close_date.substr(0, 4))));
    row.set(fiscal, close_date.substr(0, 4) + " " + std::to_string(q));
    row.set(closed, is_closed);
    row.set(won, s.name == "Closed Won");
    row.set(forecast_name, std::string(s.forecast));
    row.set(forecast, std::string(s.forecast == "Best Case" ? "BestCase" : s.forecast == "Commit" ? "Forecast" : s.forecast));
    set_text(row, type, weighted(rng, {{"New Customer", 45}, {"Existing Customer - Upgrade", 25},
                                       {"Existing Customer - Replacement", 10}, {"Existing Customer - Downgrade", 5}, {"", 15}}));
    if (!is_closed && rng.chance(0.5)) row.set(next_step, fake::sentence(rng, 2, 6));
    if (rng.chance(0.6)) row.set(source, std::string(weighted(rng, {{"Web", 4}, {"Phone Inquiry", 2}, {"Partner Referral", 3}, {"Other", 1}})));
    if (rng.chance(0.2)) set_text(row, campaign, ctx.random_id(rng, "Campaign"));
    if (rng.chance(0.2)) row.set(description, fake::sentence(rng, 6, 18));
    row.set(private_flag, false);
    row.set(has_items, false);
  });
}

sfsync::Result<void> generate_cases(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "Case", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int number = b.slot("CaseNumber"), contact = b.slot("ContactId"), account = b.slot("AccountId"),
            subject = b.slot("Subject"), status = b.slot("Status"), priority = b.slot("Priority"),
            origin = b.slot("Origin"), type = b.slot("Type"), reason = b.slot("Reason"),
            description = b.slot("Description"), closed = b.slot("IsClosed"), closed_date = b.slot("ClosedDate"),
            escalated = b.slot("IsEscalated"), supplied_email = b.slot("SuppliedEmail"),
            supplied_name = b.slot("SuppliedName");
  static constexpr std::string_view kSubjects[] = {"Cannot log in", "Invoice discrepancy", "Shipment delayed",
                                                   "Feature request", "Product stopped working", "Refund request",
                                                   "Password reset", "Integration error 500", "Question about pricing",
                                                   "Damaged item received"};
  int64_t first_number = 1000 + row_count(ctx.db, b.inserter().object()) + 1;
  return b.run([&](int64_t i, int64_t created_s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(first_number + i));
    row.set(number, std::string(buf));
    if (rng.chance(0.85)) {
      ContactPick p = pick_contact(rng, ctx);
      set_text(row, contact, p.contact_id);
      set_text(row, account, p.account_id);
    }
    row.set(subject, std::string(rng.pick(kSubjects)));
    std::string_view st = weighted(rng, {{"New", 20}, {"Working", 20}, {"Escalated", 5}, {"Closed", 55}});
    row.set(status, std::string(st));
    row.set(priority, std::string(weighted(rng, {{"High", 2}, {"Medium", 5}, {"Low", 3}})));
    std::string_view o = weighted(rng, {{"Phone", 3}, {"Email", 4}, {"Web", 3}});
    row.set(origin, std::string(o));
    set_text(row, type, weighted(rng, {{"Mechanical", 2}, {"Electrical", 2}, {"Electronic", 2}, {"Structural", 1}, {"Other", 1}, {"", 2}}));
    set_text(row, reason, weighted(rng, {{"Installation", 2}, {"Performance", 2}, {"Breakdown", 2}, {"Feedback", 1}, {"Other", 1}, {"", 2}}));
    if (rng.chance(0.8)) row.set(description, fake::sentence(rng, 8, 30));
    bool is_closed = st == "Closed";
    row.set(closed, is_closed);
    if (is_closed) row.set(closed_date, std::min(ctx.timeline.now_s(), created_s + rng.between(600, 20 * kDay)) * 1000);
    row.set(escalated, st == "Escalated");
    if (o != "Phone") {
      fake::Country c = fake::pick_country(rng);
      fake::PersonName p = fake::person(rng, c);
      set_text(row, supplied_email, fake::email(rng, p.first, p.last, "", c, b.ids().first + static_cast<uint64_t>(i)));
      row.set(supplied_name, std::string(p.first) + " " + std::string(p.last));
    }
  });
}

sfsync::Result<void> generate_campaign_members(Context& ctx, int64_t count) {
  const IdBlock* campaigns = ctx.block("Campaign");
  const IdBlock* contacts = ctx.block("Contact");
  const IdBlock* leads = ctx.block("Lead");
  int64_t people = (contacts ? contacts->count : 0) + (leads ? leads->count : 0);
  // A person joins a campaign once: there cannot be more members than pairs.
  if (!campaigns || people == 0) count = 0;
  else count = std::min(count, campaigns->count * people);
  auto batch = Batch::start(ctx, "CampaignMember", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int campaign = b.slot("CampaignId"), contact = b.slot("ContactId"), lead = b.slot("LeadId"),
            status = b.slot("Status"), responded = b.slot("HasResponded"), first_responded = b.slot("FirstRespondedDate");
  std::set<std::pair<int64_t, int64_t>> used;
  return b.run([&](int64_t, int64_t created_s) {
    int64_t c, p;
    do {
      c = static_cast<int64_t>(rng.below(static_cast<uint64_t>(campaigns->count)));
      p = static_cast<int64_t>(rng.below(static_cast<uint64_t>(people)));
    } while (!used.insert({c, p}).second);
    row.set(campaign, campaigns->id(c));
    if (contacts && p < contacts->count) row.set(contact, contacts->id(p));
    else row.set(lead, leads->id(p - (contacts ? contacts->count : 0)));
    std::string_view st = weighted(rng, {{"Sent", 60}, {"Responded", 25}, {"Planned", 10}, {"Received", 5}});
    row.set(status, std::string(st));
    row.set(responded, st == "Responded");
    if (st == "Responded") row.set(first_responded, date_text(std::min(ctx.timeline.now_s(), created_s + rng.between(0, 14) * kDay)));
  });
}

sfsync::Result<void> generate_activities(Context& ctx, const std::string& object, int64_t count) {
  auto batch = Batch::start(ctx, object, count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const bool is_event = object == "Event";
  const int who = b.slot("WhoId"), what = b.slot("WhatId"), account = b.slot("AccountId"), subject = b.slot("Subject"),
            activity_date = b.slot("ActivityDate"), status = b.slot("Status"), priority = b.slot("Priority"),
            closed = b.slot("IsClosed"), type = b.slot("Type"), description = b.slot("Description"),
            subtype = b.slot(is_event ? "EventSubtype" : "TaskSubtype"), call_seconds = b.slot("CallDurationInSeconds"),
            completed = b.slot("CompletedDateTime"), high = b.slot("IsHighPriority"),
            activity_dt = b.slot("ActivityDateTime"), start = b.slot("StartDateTime"), end = b.slot("EndDateTime"),
            end_date = b.slot("EndDate"), duration = b.slot("DurationInMinutes"), location = b.slot("Location"),
            all_day = b.slot("IsAllDayEvent"), show_as = b.slot("ShowAs");
  return b.run([&](int64_t, int64_t created_s) {
    std::string account_id;
    double r = rng.unit();
    if (r < 0.65) {
      ContactPick p = pick_contact(rng, ctx);
      set_text(row, who, p.contact_id);
      account_id = p.account_id;
    } else if (r < 0.85) {
      set_text(row, who, ctx.random_id(rng, "Lead"));
    }
    double w = rng.unit();
    if (w < 0.3) set_text(row, what, ctx.random_id(rng, "Opportunity"));
    else if (w < 0.45) set_text(row, what, ctx.random_id(rng, "Case"));
    else if (w < 0.6 && !account_id.empty()) set_text(row, what, account_id);
    set_text(row, account, account_id);
    std::string_view t = weighted(rng, {{"Call", 40}, {"Email", 30}, {"Meeting", 20}, {"Other", 10}});
    row.set(type, std::string(t));
    row.set(subject, std::string(t == "Meeting" ? "Meeting" : t == "Call" ? "Call" : t == "Email" ? "Email" : "Follow up") +
                         (rng.chance(0.5) ? ": " + fake::sentence(rng, 2, 5) : std::string()));
    if (rng.chance(0.3)) row.set(description, fake::sentence(rng, 6, 25));
    int64_t when_s = created_s + rng.between(-2, 21) * kDay;
    row.set(activity_date, date_text(when_s));
    if (is_event) {
      when_s -= when_s % 1800;  // meetings start on the half hour
      int64_t minutes = 30 * rng.between(1, 4);
      row.set(subtype, std::string("Event"));
      row.set(activity_dt, when_s * 1000);
      row.set(start, when_s * 1000);
      row.set(end, (when_s + minutes * 60) * 1000);
      row.set(end_date, date_text(when_s + minutes * 60));
      row.set(duration, minutes);
      row.set(all_day, false);
      row.set(show_as, std::string("Busy"));
      if (rng.chance(0.4)) row.set(location, std::string(rng.chance(0.5) ? "Zoom" : "Customer office"));
      return;
    }
    std::string_view st = when_s < ctx.timeline.now_s() && rng.chance(0.7)
                              ? "Completed"
                              : weighted(rng, {{"Not Started", 5}, {"In Progress", 3}, {"Waiting on someone else", 1}, {"Deferred", 1}});
    row.set(status, std::string(st));
    std::string_view pr = weighted(rng, {{"High", 2}, {"Normal", 7}, {"Low", 1}});
    row.set(priority, std::string(pr));
    row.set(high, pr == "High");
    row.set(closed, st == "Completed");
    if (st == "Completed") row.set(completed, std::min(ctx.timeline.now_s(), std::max(created_s, when_s)) * 1000);
    row.set(subtype, std::string(t == "Call" ? "Call" : t == "Email" ? "Email" : "Task"));
    if (t == "Call") row.set(call_seconds, static_cast<int64_t>(rng.between(20, 3600)));
  });
}

}  // namespace emu::gen
