#include "text/given_names.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "text/match_key.h"

namespace socius::text {
namespace {

// One line per name: its forms in Ukrainian, Russian, Romanian/Moldovan and Macedonian
// (a form that two languages share is written once). See given_names.h for the source.
const std::vector<std::vector<std::string_view>>& Forms() {
  static const std::vector<std::vector<std::string_view>> kForms = {
      // Men's names.
      {"Олександр", "Александр", "Alexandru", "Александар"},
      {"Олексій", "Алексей", "Alexei", "Алексеј"},
      {"Сергій", "Сергей", "Sergiu", "Serghei"},
      {"Андрій", "Андрей", "Andrei", "Андреј"},
      {"Дмитро", "Дмитрий", "Dumitru", "Dmitri", "Димитар"},
      {"Михайло", "Михаил", "Mihai", "Mihail"},
      {"Петро", "Пётр", "Petru", "Petre", "Петар"},
      {"Юрій", "Юрий", "Iurie", "Јуриј"},
      {"Василь", "Василий", "Vasile", "Васил"},
      {"Микола", "Николай", "Nicolae", "Nicolai", "Никола"},
      {"Григорій", "Григорий", "Grigore", "Григор"},
      {"Федір", "Фёдор", "Fiodor", "Teodor", "Тодор"},
      {"Іван", "Иван", "Ion", "Ioan", "Јован"},
      {"Ілля", "Илья", "Ilie", "Илија"},
      {"Павло", "Павел", "Pavel", "Павле"},
      {"Степан", "Ștefan", "Стефан"},
      {"Євген", "Евгений", "Eugen", "Eugeniu"},
      {"Костянтин", "Константин", "Constantin"},
      {"Георгій", "Георгий", "Gheorghe", "Ѓорѓи"},
      {"Яків", "Яков", "Iacob", "Јаков"},
      {"Матвій", "Матвей", "Matei"},
      {"Гаврило", "Гавриил", "Gavril", "Gavriil"},
      {"Симон", "Семён", "Simion", "Симеон"},
      {"Тимофій", "Тимофей", "Timotei"},
      {"Данило", "Даниил", "Daniel", "Данаил"},
      {"Ігор", "Игорь", "Igor"},
      {"Віталій", "Виталий", "Vitalie"},
      {"Анатолій", "Анатолий", "Anatolie"},
      {"Геннадій", "Геннадий", "Ghenadie"},
      {"Валерій", "Валерий", "Valeriu", "Valeri"},
      {"В'ячеслав", "Вячеслав", "Veaceslav"},
      {"Аркадій", "Аркадий", "Arcadie"},
      {"Кирило", "Кирилл", "Chiril", "Кирил"},
      // Women's names.
      {"Ганна", "Анна", "Ana", "Ана"},
      {"Олена", "Елена", "Elena"},
      {"Наталія", "Наталья", "Natalia", "Наталија"},
      {"Тетяна", "Татьяна", "Tatiana", "Татјана"},
      {"Марія", "Мария", "Maria", "Марија"},
      {"Катерина", "Екатерина", "Ecaterina"},
      {"Юлія", "Юлия", "Iulia", "Јулија"},
      {"Надія", "Надежда", "Nadejda", "Надежда"},
      {"Софія", "Софья", "Sofia", "Софија"},
      {"Анастасія", "Анастасия", "Anastasia", "Анастасија"},
      {"Олександра", "Александра", "Alexandra"},
      {"Вікторія", "Виктория", "Victoria", "Викторија"},
      {"Євгенія", "Евгения", "Eugenia"},
      {"Лідія", "Лидия", "Lidia", "Лидија"},
      {"Ксенія", "Ксения", "Xenia", "Axenia"},
      {"Єлизавета", "Елизавета", "Elisaveta", "Elisabeta"},
      {"Євдокія", "Евдокия", "Eudochia"},
      {"Параскева", "Прасковья", "Paraschiva", "Parascovia"},
      {"Валерія", "Валерия", "Valeria"},
      {"Любов", "Любовь", "Liubovi"},
      {"Людмила", "Ludmila", "Liudmila"},
  };
  return kForms;
}

using FormTable = std::unordered_map<std::string, std::vector<std::string>>;

FormTable BuildTable() {
  FormTable table;
  for (const auto& forms : Forms()) {
    std::vector<std::string> keys;
    for (std::string_view form : forms) {
      std::string key = NameMatchKey(form);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
    for (const std::string& key : keys) {
      std::vector<std::string>& others = table[key];
      for (const std::string& other : keys) {
        if (other != key && std::find(others.begin(), others.end(), other) == others.end()) {
          others.push_back(other);
        }
      }
    }
  }
  return table;
}

}  // namespace

const std::vector<std::string>& GivenNameFormKeys(std::string_view key) {
  static const FormTable table = BuildTable();
  static const std::vector<std::string> none;
  auto it = table.find(std::string(key));
  return it == table.end() ? none : it->second;
}

}  // namespace socius::text
