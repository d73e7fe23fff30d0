#include "reports/labels.h"

#include <array>

namespace socius::reports {
namespace {

struct Entry {
  std::string_view key;
  std::array<std::string_view, 6> text;  // en, ro, uk, mk, lt, ru
};

constexpr std::array<std::string_view, 6> kLanguages = {"en", "ro", "uk", "mk", "lt", "ru"};

// clang-format off
constexpr Entry kEntries[] = {
  {"title", {"Monthly activity report", "Raport lunar de activitate", "Щомісячний звіт про діяльність", "Месечен извештај за активностите", "Mėnesio veiklos ataskaita", "Ежемесячный отчёт о деятельности"}},
  {"generated", {"Generated", "Generat la", "Сформовано", "Создадено", "Sudaryta", "Сформировано"}},
  {"page", {"Page", "Pagina", "Сторінка", "Страница", "Puslapis", "Страница"}},
  {"suppressed_note", {"Values below %1 are suppressed (—), with others that would reveal them.", "Valorile sub %1 sunt ascunse (—), împreună cu cele care le-ar dezvălui.", "Значення менші за %1 приховано (—), разом з тими, що могли б їх розкрити.", "Вредностите под %1 се скриени (—), заедно со оние што би ги откриле.", "Reikšmės, mažesnės nei %1, paslėptos (—), kartu su tomis, kurios jas atskleistų.", "Значения меньше %1 скрыты (—), вместе с теми, что могли бы их раскрыть."}},
  {"by_territory", {"By sub-territory", "Pe subdiviziuni", "За складовими територіями", "По подтериторија", "Pagal teritorijos dalis", "По составным территориям"}},
  {"column.section", {"Section", "Secțiune", "Розділ", "Дел", "Skyrius", "Раздел"}},
  {"column.indicator", {"Indicator", "Indicator", "Показник", "Показател", "Rodiklis", "Показатель"}},
  {"column.breakdown", {"Breakdown", "Detaliere", "Розподіл", "Распределба", "Išskaidymas", "Разбивка"}},
  {"column.value", {"Value", "Valoare", "Значення", "Вредност", "Reikšmė", "Значение"}},
  {"column.currency", {"Currency", "Monedă", "Валюта", "Валута", "Valiuta", "Валюта"}},
  {"column.previous", {"Previous month", "Luna precedentă", "Попередній місяць", "Претходен месец", "Ankstesnis mėnuo", "Предыдущий месяц"}},
  {"column.last_year", {"Same month last year", "Aceeași lună, anul trecut", "Той самий місяць торік", "Истиот месец лани", "Tas pats mėnuo pernai", "Тот же месяц прошлого года"}},
  {"section.contacts", {"Contacts", "Contacte", "Звернення та відвідування", "Контакти", "Kontaktai", "Обращения и посещения"}},
  {"section.screening", {"Household screening", "Evaluarea gospodăriilor", "Скринінг домогосподарств", "Проценка на домаќинства", "Namų ūkių vertinimas", "Скрининг домохозяйств"}},
  {"section.cases", {"Cases", "Cazuri", "Випадки", "Случаи", "Atvejai", "Случаи"}},
  {"section.referrals", {"Referrals", "Trimiteri", "Направлення", "Упатувања", "Siuntimai", "Направления"}},
  {"section.services", {"Services", "Servicii", "Послуги", "Услуги", "Paslaugos", "Услуги"}},
  {"section.benefits", {"Benefits", "Beneficii", "Допомоги", "Бенефиции", "Išmokos", "Пособия"}},
  {"indicator.audiences", {"Citizens heard (audiences)", "Cetățeni primiți în audiență", "Громадян прийнято (прийоми)", "Примени граѓани", "Priimti gyventojai", "Приняты граждане"}},
  {"indicator.phone_calls", {"Phone calls", "Apeluri telefonice", "Телефонні дзвінки", "Телефонски повици", "Telefono skambučiai", "Телефонные звонки"}},
  {"indicator.home_visits_done", {"Home visits done", "Vizite la domiciliu efectuate", "Проведено візитів додому", "Извршени посети во домот", "Atlikti apsilankymai namuose", "Проведено визитов на дом"}},
  {"indicator.home_visits_missed", {"Home visits missed", "Vizite la domiciliu ratate", "Пропущено візитів додому", "Пропуштени посети во домот", "Neįvykę apsilankymai namuose", "Пропущено визитов на дом"}},
  {"indicator.meetings", {"Meetings and group sessions", "Întâlniri și sesiuni de grup", "Зустрічі та групові заняття", "Средби и групни сесии", "Susitikimai ir grupiniai užsiėmimai", "Встречи и групповые занятия"}},
  {"indicator.persons_served", {"Persons served", "Persoane deservite", "Осіб обслуговано", "Услужени лица", "Aptarnauti asmenys", "Обслужено лиц"}},
  {"indicator.households_served", {"Households served", "Gospodării deservite", "Домогосподарств обслуговано", "Услужени домаќинства", "Aptarnauti namų ūkiai", "Обслужено домохозяйств"}},
  {"indicator.households_screened", {"Households screened", "Gospodării evaluate", "Домогосподарств оцінено", "Проценети домаќинства", "Įvertinti namų ūkiai", "Домохозяйств оценено"}},
  {"indicator.households_vulnerable", {"Households found vulnerable", "Gospodării vulnerabile", "Вразливих домогосподарств", "Ранливи домаќинства", "Pažeidžiami namų ūkiai", "Уязвимых домохозяйств"}},
  {"indicator.cases_opened", {"Cases opened", "Cazuri deschise", "Випадків відкрито", "Отворени случаи", "Pradėti atvejai", "Открыто случаев"}},
  {"indicator.cases_closed", {"Cases closed", "Cazuri închise", "Випадків закрито", "Затворени случаи", "Baigti atvejai", "Закрыто случаев"}},
  {"indicator.cases_active", {"Active cases at month end", "Cazuri active la sfârșitul lunii", "Активних випадків на кінець місяця", "Активни случаи на крајот на месецот", "Aktyvūs atvejai mėnesio pabaigoje", "Активных случаев на конец месяца"}},
  {"indicator.plan_actions_overdue", {"Overdue plan actions", "Acțiuni din plan întârziate", "Прострочених дій плану", "Задоцнети активности од планот", "Vėluojantys plano veiksmai", "Просроченных действий плана"}},
  {"indicator.referrals", {"Referrals made", "Trimiteri efectuate", "Направлень видано", "Издадени упатувања", "Išduoti siuntimai", "Выдано направлений"}},
  {"indicator.enrolments_started", {"Enrolments started", "Înscrieri începute", "Зарахувань розпочато", "Започнати запишувања", "Pradėtos paslaugos", "Начато зачислений"}},
  {"indicator.enrolments_active", {"Enrolments running at month end", "Înscrieri active la sfârșitul lunii", "Чинних зарахувань на кінець місяця", "Активни запишувања на крајот на месецот", "Teikiamos paslaugos mėnesio pabaigoje", "Действующих зачислений на конец месяца"}},
  {"indicator.waiting", {"Persons on waiting lists", "Persoane pe listele de așteptare", "Осіб у черзі очікування", "Лица на листи на чекање", "Asmenys laukiančiųjų eilėse", "Лиц в листах ожидания"}},
  {"indicator.longest_wait_days", {"Longest wait (days)", "Cea mai lungă așteptare (zile)", "Найдовше очікування (днів)", "Најдолго чекање (денови)", "Ilgiausias laukimas (dienos)", "Самое долгое ожидание (дней)"}},
  {"indicator.applications", {"Applications submitted", "Cereri depuse", "Заяв подано", "Поднесени барања", "Pateikti prašymai", "Подано заявлений"}},
  {"indicator.decisions_approved", {"Decisions approved", "Decizii de aprobare", "Рішень про призначення", "Одобрени одлуки", "Patvirtinti sprendimai", "Решений о назначении"}},
  {"indicator.decisions_rejected", {"Decisions rejected", "Decizii de respingere", "Рішень про відмову", "Одбиени одлуки", "Atmesti sprendimai", "Решений об отказе"}},
  {"indicator.aid_beneficiaries", {"Aid beneficiaries paid", "Beneficiari de ajutor plătiți", "Отримувачів допомоги виплачено", "Исплатени корисници на помош", "Išmokų gavėjai", "Получателей помощи выплачено"}},
  {"indicator.aid_amount", {"Aid paid", "Ajutor plătit", "Виплачено допомоги", "Исплатена помош", "Išmokėta parama", "Выплачено помощи"}},
  {"indicator.cards_issued", {"Large-family cards issued", "Carduri pentru familii numeroase emise", "Видано посвідчень багатодітної родини", "Издадени картички за повеќедетни семејства", "Išduotos šeimos kortelės", "Выдано удостоверений многодетной семьи"}},
};
// clang-format on

}  // namespace

std::string Label(std::string_view key, std::string_view language) {
  size_t column = 0;
  for (size_t i = 0; i < kLanguages.size(); ++i) {
    if (kLanguages[i] == language) column = i;
  }
  for (const Entry& entry : kEntries) {
    if (entry.key == key) return std::string(entry.text[column]);
  }
  return std::string(key);
}

std::string ValueLabel(std::string_view code, std::string_view label) {
  if (!label.empty()) return std::string(label);
  std::string out(code);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace socius::reports
