// Users, accounts, contacts and leads.
#include <cctype>

#include "emulator/org/generator_internal.h"

namespace emu::gen {
namespace {

constexpr int64_t kDay = 86400;

std::string joined_name(std::string_view first, std::string_view last) {
  std::string out(first);
  if (!out.empty()) out.push_back(' ');
  out.append(last);
  return out;
}

// A date between `from_s` and now (a last activity, a bounce).
std::string date_after(fake::Rng& rng, const Timeline& t, int64_t from_s) {
  return date_text(rng.between(from_s, t.now_s()));
}

// Log-uniform revenue, rounded like people type it.
double revenue(fake::Rng& rng) {
  static constexpr double kSteps[] = {250e3, 1e6, 5e6, 2.5e7, 1e8, 7.5e8, 5e9};
  double base = rng.pick(kSteps);
  return static_cast<double>(static_cast<int64_t>(base * (0.5 + rng.unit())) / 1000 * 1000);
}

}  // namespace

sfsync::Result<void> generate_users(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "User", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int username = b.slot("Username"), first = b.slot("FirstName"), last = b.slot("LastName"),
            name = b.slot("Name"), email = b.slot("Email"), alias = b.slot("Alias"),
            nickname = b.slot("CommunityNickname"), active = b.slot("IsActive"), title = b.slot("Title"),
            department = b.slot("Department"), phone = b.slot("Phone"), company = b.slot("CompanyName"),
            tz = b.slot("TimeZoneSidKey"), locale = b.slot("LocaleSidKey"), encoding = b.slot("EmailEncodingKey"),
            language = b.slot("LanguageLocaleKey"), type = b.slot("UserType"), manager = b.slot("ManagerId"),
            employee = b.slot("EmployeeNumber"), login = b.slot("LastLoginDate");
  static constexpr std::string_view kZones[] = {"America/Los_Angeles", "Europe/London", "Europe/Berlin",
                                                "Europe/Paris", "Asia/Kolkata", "America/Sao_Paulo", "Asia/Tokyo"};
  static constexpr std::string_view kLocales[] = {"en_US", "en_GB", "de_DE", "fr_FR", "hi_IN", "pt_BR", "ja_JP"};
  std::vector<std::string> active_ids;
  auto result = b.run([&](int64_t i, int64_t created_s) {
    fake::Country c = fake::pick_country(rng);
    fake::PersonName p = fake::person(rng, c);
    // The id counter keeps Username (unique in Salesforce) unique across generator runs.
    std::string slug = fake::ascii_slug(p.first) + "." + fake::ascii_slug(p.last) +
                       std::to_string(b.ids().first + static_cast<uint64_t>(i));
    row.set(username, slug + "@acme-sfsync.example.com");
    row.set(email, slug + "@acme.example.com");
    row.set(first, std::string(p.first));
    row.set(last, std::string(p.last));
    row.set(name, joined_name(p.first, p.last));
    row.set(alias, (fake::ascii_slug(p.first).substr(0, 1) + fake::ascii_slug(p.last)).substr(0, 8));
    row.set(nickname, slug);
    bool is_active = rng.chance(0.9);
    row.set(active, is_active);
    row.set(title, std::string(fake::job_title(rng)));
    row.set(department, std::string(fake::department(rng)));
    row.set(phone, fake::phone(rng, c));
    row.set(company, std::string("Acme"));
    size_t ci = static_cast<size_t>(c);
    row.set(tz, std::string(kZones[ci]));
    row.set(locale, std::string(kLocales[ci]));
    row.set(encoding, std::string("UTF-8"));
    row.set(language, std::string(c == fake::Country::DE ? "de" : c == fake::Country::FR ? "fr" : "en_US"));
    row.set(type, std::string("Standard"));
    row.set(employee, std::to_string(10000 + b.ids().first + static_cast<uint64_t>(i)));
    if (i > 0 && rng.chance(0.7)) row.set(manager, b.ids().id(static_cast<int64_t>(rng.below(static_cast<uint64_t>(i)))));
    if (is_active) {
      row.set(login, rng.between(created_s, ctx.timeline.now_s()) * 1000);
      active_ids.push_back(b.ids().id(i));
    }
  });
  ctx.owner_ids.insert(ctx.owner_ids.end(), active_ids.begin(), active_ids.end());
  return result;
}

sfsync::Result<void> generate_accounts(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "Account", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int name = b.slot("Name"), type = b.slot("Type"), parent = b.slot("ParentId"), phone = b.slot("Phone"),
            fax = b.slot("Fax"), number = b.slot("AccountNumber"), website = b.slot("Website"),
            industry = b.slot("Industry"), revenue_slot = b.slot("AnnualRevenue"),
            employees = b.slot("NumberOfEmployees"), ownership = b.slot("Ownership"),
            ticker = b.slot("TickerSymbol"), description = b.slot("Description"), rating = b.slot("Rating"),
            source = b.slot("AccountSource"), activity = b.slot("LastActivityDate");
  const AddressSlots billing(b.inserter(), "Billing"), shipping(b.inserter(), "Shipping");
  const FieldSchema* industry_field = b.inserter().object().field("Industry");
  ctx.account_names.reserve(static_cast<size_t>(count));
  return b.run([&](int64_t i, int64_t created_s) {
    fake::Country c = fake::pick_country(rng);
    std::string company = fake::company_name(rng, c);
    std::string domain = fake::company_domain(company, c);
    row.set(name, company);
    set_text(row, type, weighted(rng, {{"Customer - Direct", 35}, {"Prospect", 30}, {"Customer - Channel", 10},
                                       {"Channel Partner / Reseller", 8}, {"Technology Partner", 5}, {"Other", 4},
                                       {"", 8}}));
    if (i > 0 && rng.chance(0.08)) row.set(parent, b.ids().id(static_cast<int64_t>(rng.below(static_cast<uint64_t>(i)))));
    if (rng.chance(0.9)) {
      fake::Address a = fake::address(rng, c);
      billing.set(row, a, rng, rng.chance(0.5));
      if (rng.chance(0.6)) shipping.set(row, a, rng, false);
      else if (rng.chance(0.25)) shipping.set(row, fake::address(rng, c), rng, false);
    }
    if (rng.chance(0.85)) row.set(phone, fake::phone(rng, c));
    if (rng.chance(0.15)) row.set(fax, fake::phone(rng, c));
    if (rng.chance(0.5)) row.set(number, "CD" + std::to_string(100000 + rng.below(900000)));
    if (rng.chance(0.7)) row.set(website, (rng.chance(0.5) ? "https://www." : "www.") + domain);
    if (industry_field && rng.chance(0.8)) row.set(industry, rng.pick(industry_field->picklist_values).value);
    if (rng.chance(0.6)) row.set(revenue_slot, revenue(rng));
    if (rng.chance(0.65)) row.set(employees, static_cast<int64_t>(rng.between(1, 5) * rng.between(1, 10) * (rng.chance(0.3) ? 1000 : 10)));
    if (rng.chance(0.3)) row.set(ownership, std::string(weighted(rng, {{"Public", 3}, {"Private", 6}, {"Subsidiary", 1}})));
    if (rng.chance(0.05)) row.set(ticker, fake::ascii_slug(company).substr(0, 4));
    if (rng.chance(0.2)) row.set(description, fake::sentence(rng, 6, 20));
    if (rng.chance(0.4)) row.set(rating, std::string(weighted(rng, {{"Hot", 2}, {"Warm", 5}, {"Cold", 3}})));
    if (rng.chance(0.5)) row.set(source, std::string(weighted(rng, {{"Web", 4}, {"Phone Inquiry", 2}, {"Partner Referral", 2}, {"Purchased List", 1}, {"Other", 1}})));
    if (rng.chance(0.4)) row.set(activity, date_after(rng, ctx.timeline, created_s));
    ctx.account_names.push_back(std::move(company));
    ctx.account_countries.push_back(c);
    ctx.account_domains.push_back(std::move(domain));
  });
}

// Person fields Contact and Lead share.
struct PersonSlots {
  explicit PersonSlots(const RowInserter& row)
      : salutation(row.slot("Salutation")), first(row.slot("FirstName")), last(row.slot("LastName")),
        name(row.slot("Name")), email(row.slot("Email")), phone(row.slot("Phone")),
        mobile(row.slot("MobilePhone")), title(row.slot("Title")), source(row.slot("LeadSource")),
        opted_out(row.slot("HasOptedOutOfEmail")), do_not_call(row.slot("DoNotCall")),
        bounced(row.slot("EmailBouncedDate")), bounce_reason(row.slot("EmailBouncedReason")),
        description(row.slot("Description")), activity(row.slot("LastActivityDate")) {}

  void set(Row& row, fake::Rng& rng, const Context& ctx, const fake::PersonName& p, fake::Country c,
           std::string_view domain, int64_t created_s, uint64_t serial) const {
    if (rng.chance(0.5)) row.set(salutation, std::string(weighted(rng, {{"Mr.", 5}, {"Ms.", 5}, {"Mrs.", 2}, {"Dr.", 1}, {"Prof.", 1}})));
    bool has_first = rng.chance(0.98);
    if (has_first) row.set(first, std::string(p.first));
    row.set(last, std::string(p.last));
    row.set(name, joined_name(has_first ? p.first : std::string_view(), p.last));
    std::string mail = fake::email(rng, p.first, p.last, domain, c, serial);
    if (!mail.empty()) {
      if (rng.chance(0.015)) {
        row.set(bounced, rng.between(created_s, ctx.timeline.now_s()) * 1000);
        row.set(bounce_reason, std::string("550 5.1.1 <" + mail + ">: Recipient address rejected: User unknown"));
      }
      row.set(email, std::move(mail));
    }
    if (rng.chance(0.75)) row.set(phone, fake::phone(rng, c));
    if (rng.chance(0.45)) row.set(mobile, fake::phone(rng, c));
    if (rng.chance(0.7)) row.set(title, std::string(fake::job_title(rng)));
    if (rng.chance(0.6)) row.set(source, std::string(weighted(rng, {{"Web", 5}, {"Phone Inquiry", 2}, {"Partner Referral", 2}, {"Purchased List", 2}, {"Other", 1}})));
    row.set(opted_out, rng.chance(0.06));
    row.set(do_not_call, rng.chance(0.04));
    if (rng.chance(0.1)) row.set(description, fake::sentence(rng, 5, 16));
    if (rng.chance(0.35)) row.set(activity, date_after(rng, ctx.timeline, created_s));
  }

  int salutation, first, last, name, email, phone, mobile, title, source, opted_out, do_not_call, bounced,
      bounce_reason, description, activity;
};

// The same person entered twice (imports, web forms, reps): ~2% of contacts repeat an earlier
// contact's name and email, the email sometimes in different case — what identity resolution meets.
class DuplicateSource {
 public:
  void apply_or_remember(Row& row, fake::Rng& rng, const PersonSlots& person) {
    if (!recent_.empty() && rng.chance(0.02)) {
      const Person& p = recent_[rng.below(recent_.size())];
      row.set(person.first, p.first);
      row.set(person.last, p.last);
      row.set(person.name, p.name);
      std::string email = p.email;
      if (rng.chance(0.5))
        for (char& ch : email) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (email.empty()) row.set(person.email, FieldValue{});
      else row.set(person.email, std::move(email));
      return;
    }
    const auto* email = std::get_if<std::string>(&row.get(person.email));
    if (!email || !rng.chance(0.05)) return;
    Person p{text(row.get(person.first)), text(row.get(person.last)), text(row.get(person.name)), *email};
    if (recent_.size() < kKeep) recent_.push_back(std::move(p));
    else recent_[rng.below(kKeep)] = std::move(p);
  }

 private:
  static constexpr size_t kKeep = 512;
  struct Person {
    std::string first, last, name, email;
  };
  static std::string text(const FieldValue& v) {
    const auto* s = std::get_if<std::string>(&v);
    return s ? *s : std::string();
  }
  std::vector<Person> recent_;
};

sfsync::Result<void> generate_contacts(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "Contact", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const PersonSlots person(b.inserter());
  const AddressSlots mailing(b.inserter(), "Mailing"), other(b.inserter(), "Other");
  const int account = b.slot("AccountId"), reports_to = b.slot("ReportsToId"), home = b.slot("HomePhone"),
            other_phone = b.slot("OtherPhone"), department = b.slot("Department"), birthdate = b.slot("Birthdate"),
            fax_opt_out = b.slot("HasOptedOutOfFax"), bounced_flag = b.slot("IsEmailBounced");
  const int64_t accounts = static_cast<int64_t>(ctx.account_names.size());
  const IdBlock* account_ids = ctx.block("Account");
  ctx.contact_account.assign(static_cast<size_t>(count), -1);
  std::vector<int64_t> senior_contact(static_cast<size_t>(accounts), -1);
  DuplicateSource duplicates;
  return b.run([&](int64_t i, int64_t created_s) {
    int32_t a = accounts > 0 && account_ids && rng.chance(0.85) ? static_cast<int32_t>(rng.below(static_cast<uint64_t>(accounts))) : -1;
    ctx.contact_account[static_cast<size_t>(i)] = a;
    fake::Country c = a >= 0 && rng.chance(0.8) ? ctx.account_countries[static_cast<size_t>(a)] : fake::pick_country(rng);
    std::string_view domain = a >= 0 ? std::string_view(ctx.account_domains[static_cast<size_t>(a)]) : std::string_view();
    if (a >= 0) row.set(account, account_ids->id(a));
    person.set(row, rng, ctx, fake::person(rng, c), c, domain, created_s, b.ids().first + static_cast<uint64_t>(i));
    duplicates.apply_or_remember(row, rng, person);
    row.set(bounced_flag, row.is_set(person.bounced));
    if (a >= 0) {
      // Reports to a colleague at the same account: an earlier contact there.
      int64_t& boss = senior_contact[static_cast<size_t>(a)];
      if (boss >= 0 && rng.chance(0.3)) row.set(reports_to, b.ids().id(boss));
      if (boss < 0 || rng.chance(0.2)) boss = i;
    }
    if (rng.chance(0.1)) row.set(home, fake::phone(rng, c));
    if (rng.chance(0.03)) row.set(other_phone, fake::phone(rng, c));
    if (rng.chance(0.5)) row.set(department, std::string(fake::department(rng)));
    if (rng.chance(0.25)) row.set(birthdate, date_text(ctx.timeline.now_s() - rng.between(22 * 365, 70 * 365) * kDay));
    if (rng.chance(0.7)) mailing.set(row, fake::address(rng, c), rng, rng.chance(0.4));
    if (rng.chance(0.05)) other.set(row, fake::address(rng, c), rng, false);
    row.set(fax_opt_out, rng.chance(0.02));
  });
}

sfsync::Result<void> generate_leads(Context& ctx, int64_t count) {
  auto batch = Batch::start(ctx, "Lead", count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const PersonSlots person(b.inserter());
  const AddressSlots address(b.inserter(), "");
  const int company = b.slot("Company"), status = b.slot("Status"), industry = b.slot("Industry"),
            rating = b.slot("Rating"), revenue_slot = b.slot("AnnualRevenue"), employees = b.slot("NumberOfEmployees"),
            website = b.slot("Website"), converted = b.slot("IsConverted"), converted_date = b.slot("ConvertedDate"),
            converted_account = b.slot("ConvertedAccountId"), converted_contact = b.slot("ConvertedContactId"),
            unread = b.slot("IsUnreadByOwner"), fax_opt_out = b.slot("HasOptedOutOfFax");
  const FieldSchema* industry_field = b.inserter().object().field("Industry");
  return b.run([&](int64_t i, int64_t created_s) {
    fake::Country c = fake::pick_country(rng);
    std::string company_name = rng.chance(0.03) ? std::string("[not provided]") : fake::company_name(rng, c);
    std::string domain = fake::company_domain(company_name, c);
    row.set(company, company_name);
    person.set(row, rng, ctx, fake::person(rng, c), c, rng.chance(0.5) ? domain : std::string(), created_s,
               b.ids().first + static_cast<uint64_t>(i));
    std::string_view st = weighted(rng, {{"Open - Not Contacted", 35}, {"Working - Contacted", 30},
                                         {"Closed - Converted", 15}, {"Closed - Not Converted", 20}});
    row.set(status, std::string(st));
    bool is_converted = st == "Closed - Converted";
    row.set(converted, is_converted);
    if (is_converted) {
      row.set(converted_date, date_text(std::min(ctx.timeline.now_s(), created_s + rng.between(1, 60) * kDay)));
      set_text(row, converted_account, ctx.random_id(rng, "Account"));
      set_text(row, converted_contact, ctx.random_id(rng, "Contact"));
    }
    if (industry_field && rng.chance(0.6)) row.set(industry, rng.pick(industry_field->picklist_values).value);
    if (rng.chance(0.4)) row.set(rating, std::string(weighted(rng, {{"Hot", 2}, {"Warm", 5}, {"Cold", 3}})));
    if (rng.chance(0.4)) row.set(revenue_slot, revenue(rng));
    if (rng.chance(0.4)) row.set(employees, static_cast<int64_t>(rng.between(1, 20000)));
    if (rng.chance(0.3)) row.set(website, "www." + domain);
    if (rng.chance(0.75)) address.set(row, fake::address(rng, c), rng, rng.chance(0.3));
    row.set(unread, rng.chance(0.2));
    row.set(fax_opt_out, rng.chance(0.02));
  });
}

}  // namespace emu::gen
