// Name, city and company word lists for fake_data.cpp, per culture.
#include "emulator/org/fake_data_tables.h"

namespace emu::fake::tables {
namespace {

using SV = std::string_view;

constexpr SV kUsFirst[] = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
                           "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
                           "Thomas", "Sarah", "Christopher", "Karen", "Daniel", "Emily", "Matthew", "Ashley",
                           "Anthony", "Olivia", "Kevin", "Madison", "Brian", "Zoë", "Tyler", "Hannah"};
constexpr SV kUsLast[] = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                          "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
                          "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
                          "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "O'Brien"};
constexpr SV kGbFirst[] = {"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Charlie",
                           "Grace", "Freddie", "Sophie", "Alfie", "Poppy", "Arthur", "Evie", "Noah", "Ella",
                           "Leo", "Florence", "Archie", "Imogen", "Oscar", "Harriet"};
constexpr SV kGbLast[] = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                          "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
                          "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Fitzgerald", "Patel"};
constexpr SV kDeFirst[] = {"Lukas", "Anna", "Maximilian", "Lena", "Felix", "Lea", "Jonas", "Hannah", "Leon",
                           "Sophie", "Paul", "Marie", "Finn", "Johanna", "Elias", "Katharina", "Jürgen",
                           "Sabine", "Stefan", "Claudia", "Thomas", "Petra", "Uwe", "Birgit"};
constexpr SV kDeLast[] = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                          "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
                          "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann"};
constexpr SV kFrFirst[] = {"Gabriel", "Louise", "Léo", "Jade", "Raphaël", "Emma", "Arthur", "Chloé", "Louis",
                           "Inès", "Lucas", "Léa", "Hugo", "Manon", "Jules", "Camille", "François", "Hélène",
                           "Mathieu", "Céline", "Nicolas", "Élodie", "Pierre", "Margaux"};
constexpr SV kFrLast[] = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
                          "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
                          "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Lefebvre", "Mercier"};
constexpr SV kInFirst[] = {"Aarav", "Ananya", "Vivaan", "Diya", "Aditya", "Saanvi", "Arjun", "Aadhya", "Sai",
                           "Isha", "Rohan", "Priya", "Rahul", "Pooja", "Vikram", "Sneha", "Amit", "Neha",
                           "Karthik", "Lakshmi", "Sanjay", "Deepika", "Rajesh", "Kavya"};
constexpr SV kInLast[] = {"Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Reddy", "Iyer", "Nair",
                          "Rao", "Joshi", "Mehta", "Chatterjee", "Banerjee", "Das", "Menon", "Pillai", "Shah",
                          "Agarwal", "Bhat", "Krishnan", "Mukherjee", "Desai", "Kapoor"};
constexpr SV kBrFirst[] = {"Miguel", "Alice", "Arthur", "Sophia", "Heitor", "Helena", "Bernardo", "Valentina",
                           "Davi", "Laura", "Théo", "Isabella", "Lorenzo", "Manuela", "Gabriel", "Júlia", "Pedro",
                           "Beatriz", "João", "Mariana", "Rafael", "Larissa", "Thiago", "Fernanda"};
constexpr SV kBrLast[] = {"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
                          "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes",
                          "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Araújo"};
constexpr SV kJpFirst[] = {"Haruto", "Yui", "Sota", "Aoi", "Yuto", "Hina", "Riku", "Sakura", "Hinata", "Yuna",
                           "Takumi", "Mei", "Kenji", "Yuki", "Hiroshi", "Akiko", "Daiki", "Emi", "Kaito",
                           "Naomi", "Shota", "Ayaka", "Takeshi", "Mio"};
constexpr SV kJpLast[] = {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
                          "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue",
                          "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto"};

constexpr City kUsCities[] = {
    {"San Francisco", "CA", 37.7749, -122.4194}, {"New York", "NY", 40.7128, -74.0060},
    {"Austin", "TX", 30.2672, -97.7431},         {"Chicago", "IL", 41.8781, -87.6298},
    {"Seattle", "WA", 47.6062, -122.3321},       {"Boston", "MA", 42.3601, -71.0589},
    {"Denver", "CO", 39.7392, -104.9903},        {"Atlanta", "GA", 33.7490, -84.3880},
    {"Miami", "FL", 25.7617, -80.1918},          {"Portland", "OR", 45.5152, -122.6784}};
constexpr City kGbCities[] = {{"London", "", 51.5074, -0.1278},      {"Manchester", "", 53.4808, -2.2426},
                              {"Birmingham", "", 52.4862, -1.8904},  {"Leeds", "", 53.8008, -1.5491},
                              {"Edinburgh", "", 55.9533, -3.1883},   {"Bristol", "", 51.4545, -2.5879}};
constexpr City kDeCities[] = {{"Berlin", "Berlin", 52.5200, 13.4050},   {"München", "Bayern", 48.1351, 11.5820},
                              {"Hamburg", "Hamburg", 53.5511, 9.9937},  {"Köln", "Nordrhein-Westfalen", 50.9375, 6.9603},
                              {"Frankfurt am Main", "Hessen", 50.1109, 8.6821},
                              {"Stuttgart", "Baden-Württemberg", 48.7758, 9.1829}};
constexpr City kFrCities[] = {{"Paris", "", 48.8566, 2.3522},     {"Lyon", "", 45.7640, 4.8357},
                              {"Marseille", "", 43.2965, 5.3698}, {"Toulouse", "", 43.6047, 1.4442},
                              {"Nantes", "", 47.2184, -1.5536},   {"Bordeaux", "", 44.8378, -0.5792}};
constexpr City kInCities[] = {{"Bengaluru", "Karnataka", 12.9716, 77.5946}, {"Mumbai", "Maharashtra", 19.0760, 72.8777},
                              {"New Delhi", "Delhi", 28.6139, 77.2090},     {"Hyderabad", "Telangana", 17.3850, 78.4867},
                              {"Chennai", "Tamil Nadu", 13.0827, 80.2707},  {"Pune", "Maharashtra", 18.5204, 73.8567}};
constexpr City kBrCities[] = {{"São Paulo", "SP", -23.5505, -46.6333},      {"Rio de Janeiro", "RJ", -22.9068, -43.1729},
                              {"Belo Horizonte", "MG", -19.9167, -43.9345}, {"Curitiba", "PR", -25.4284, -49.2733},
                              {"Porto Alegre", "RS", -30.0346, -51.2177},   {"Recife", "PE", -8.0476, -34.8770}};
constexpr City kJpCities[] = {{"Tokyo", "Tokyo", 35.6762, 139.6503},   {"Osaka", "Osaka", 34.6937, 135.5023},
                              {"Yokohama", "Kanagawa", 35.4437, 139.6380}, {"Nagoya", "Aichi", 35.1815, 136.9066},
                              {"Fukuoka", "Fukuoka", 33.5904, 130.4017},   {"Sapporo", "Hokkaido", 43.0618, 141.3545}};

constexpr SV kUsStreets[] = {"Main St", "Market St", "Oak Ave", "Maple Dr", "Broadway", "Elm St", "Park Ave",
                             "Cedar Ln", "Mission St", "Lake Shore Dr"};
constexpr SV kGbStreets[] = {"High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane",
                             "Mill Road", "King Street", "Queen's Road"};
constexpr SV kDeStreets[] = {"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Gartenstraße", "Goethestraße",
                             "Lindenstraße", "Friedrichstraße", "Kirchweg"};
constexpr SV kFrStreets[] = {"rue de la Paix", "avenue Victor Hugo", "rue du Faubourg Saint-Honoré",
                             "boulevard Haussmann", "rue de Rivoli", "place de la République"};
constexpr SV kInStreets[] = {"MG Road", "Brigade Road", "Linking Road", "Anna Salai", "Park Street",
                             "Residency Road", "Nehru Place"};
constexpr SV kBrStreets[] = {"Avenida Paulista", "Rua Augusta", "Rua das Flores", "Avenida Atlântica",
                             "Rua XV de Novembro", "Avenida Brasil"};
constexpr SV kJpStreets[] = {"Chiyoda 1-1", "Shibuya 2-21", "Umeda 3-1", "Minato Mirai 2-2", "Sakae 3-5",
                             "Tenjin 1-8"};

constexpr SV kUsDomains[] = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com"};
constexpr SV kGbDomains[] = {"gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk", "hotmail.co.uk"};
constexpr SV kDeDomains[] = {"gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.de"};
constexpr SV kFrDomains[] = {"orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr"};
constexpr SV kInDomains[] = {"gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"};
constexpr SV kBrDomains[] = {"gmail.com", "uol.com.br", "bol.com.br", "hotmail.com", "terra.com.br"};
constexpr SV kJpDomains[] = {"gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.jp"};

template <size_t N>
constexpr std::span<const SV> span_of(const SV (&a)[N]) { return {a, N}; }
template <size_t N>
constexpr std::span<const City> span_of(const City (&a)[N]) { return {a, N}; }

const Culture kCultures[] = {
    {span_of(kUsFirst), span_of(kUsLast), span_of(kUsCities), span_of(kUsStreets), span_of(kUsDomains),
     "United States", "com", {"Inc.", "LLC", "Corp.", "Co.", "Group"}},
    {span_of(kGbFirst), span_of(kGbLast), span_of(kGbCities), span_of(kGbStreets), span_of(kGbDomains),
     "United Kingdom", "co.uk", {"Ltd", "PLC", "Group", "Partners", "Holdings"}},
    {span_of(kDeFirst), span_of(kDeLast), span_of(kDeCities), span_of(kDeStreets), span_of(kDeDomains),
     "Germany", "de", {"GmbH", "AG", "KG", "GmbH & Co. KG", "SE"}},
    {span_of(kFrFirst), span_of(kFrLast), span_of(kFrCities), span_of(kFrStreets), span_of(kFrDomains),
     "France", "fr", {"SA", "SARL", "SAS", "Groupe", "& Fils"}},
    {span_of(kInFirst), span_of(kInLast), span_of(kInCities), span_of(kInStreets), span_of(kInDomains),
     "India", "in", {"Pvt. Ltd.", "Ltd.", "Industries", "Technologies", "Enterprises"}},
    {span_of(kBrFirst), span_of(kBrLast), span_of(kBrCities), span_of(kBrStreets), span_of(kBrDomains),
     "Brazil", "com.br", {"Ltda.", "S.A.", "Comércio", "Serviços", "Tecnologia"}},
    {span_of(kJpFirst), span_of(kJpLast), span_of(kJpCities), span_of(kJpStreets), span_of(kJpDomains),
     "Japan", "co.jp", {"K.K.", "Co., Ltd.", "Holdings", "Corporation", "Industries"}},
};

constexpr SV kCompanyWords[] = {"Blue", "Harbor", "Summit", "Northwind", "Granite", "Vertex", "Silver", "Pioneer",
                                "Atlas", "Horizon", "Cedar", "Quantum", "Bright", "Evergreen", "Falcon", "Keystone",
                                "Lumen", "Meridian", "Nimbus", "Orion", "Pinnacle", "Redwood", "Sterling", "Trident"};
constexpr SV kCompanyNouns[] = {"Analytics", "Logistics", "Systems", "Foods", "Energy", "Health", "Robotics",
                                "Media", "Capital", "Labs", "Networks", "Motors", "Pharma", "Textiles", "Solutions",
                                "Software", "Dynamics", "Retail", "Consulting", "Manufacturing"};
constexpr SV kTitles[] = {"CEO", "CFO", "CTO", "VP Sales", "VP Marketing", "Sales Manager", "Account Executive",
                          "Marketing Manager", "Software Engineer", "Senior Software Engineer", "Product Manager",
                          "Director of Operations", "Office Manager", "Procurement Specialist", "Data Analyst",
                          "HR Manager", "Customer Success Manager", "IT Administrator", "Buyer", "Head of Finance",
                          "Chief Marketing Officer", "Operations Analyst", "Consultant", "Project Manager"};
constexpr SV kDepartments[] = {"Sales", "Marketing", "Engineering", "Finance", "Operations", "IT", "HR",
                               "Procurement", "Customer Success", "Legal", "Executive"};
constexpr SV kWords[] = {"customer", "requested", "follow", "up", "on", "the", "renewal", "pricing", "issue",
                         "with", "shipment", "integration", "please", "call", "back", "about", "contract",
                         "quarterly", "review", "demo", "scheduled", "for", "next", "week", "invoice", "missing",
                         "login", "problem", "upgrade", "discount", "approved", "feedback", "meeting", "notes"};

}  // namespace

const Culture& culture(Country c) { return kCultures[static_cast<int>(c)]; }
std::span<const std::string_view> company_words() { return span_of(kCompanyWords); }
std::span<const std::string_view> company_nouns() { return span_of(kCompanyNouns); }
std::span<const std::string_view> titles() { return span_of(kTitles); }
std::span<const std::string_view> departments() { return span_of(kDepartments); }
std::span<const std::string_view> words() { return span_of(kWords); }

}  // namespace emu::fake::tables
