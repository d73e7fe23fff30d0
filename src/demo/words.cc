#include "demo/words.h"

namespace socius::demo {

namespace {

Words Moldovan() {
  Words w;
  w.language = "ro";
  w.phone_prefix = "+3736";
  w.advice = {"Consultat privind ajutorul social și actele necesare",
              "Explicată procedura pentru compensația la încălzire",
              "Ajutat la completarea cererii de ajutor social",
              "Informat despre serviciul de îngrijire la domiciliu",
              "Îndrumat la medicul de familie pentru certificatul de dizabilitate",
              "Consultat privind indemnizația pentru copii"};
  w.observations = {
      "Locuința este îngrijită, copiii merg la școală, lipsesc lemne de foc.",
      "Bătrâna locuiește singură, se deplasează greu, are nevoie de ajutor la cumpărături.",
      "Familia are datorii la energie electrică, tatăl lucrează sezonier.",
      "Copiii sunt în grija bunicii, părinții sunt plecați la muncă în Italia.",
      "Condiții de trai precare, acoperișul curge, familia a cerut sprijin."};
  w.next_steps = {"Revenire peste o lună", "Depunerea cererii de ajutor social",
                  "Discuție cu dirigintele", "Programare la medicul de familie"};
  w.missed = {"Nu era nimeni acasă", "Beneficiarul internat în spital"};
  w.opening = {"Copil lăsat fără supraveghere, semnalat de școală",
               "Familie în criză după pierderea locului de muncă",
               "Persoană vârstnică singură, fără sprijin din partea rudelor",
               "Persoană cu dizabilitate care are nevoie de servicii la domiciliu",
               "Familie fără venituri stabile, risc de sărăcie extremă",
               "Violență în familie semnalată de poliție",
               "Familie numeroasă cu venituri mici",
               "Solicitare de sprijin pentru obținerea actelor"};
  w.goals = {"Asigurarea frecventării școlii de către copii", "Creșterea veniturilor familiei",
             "Îngrijire adecvată la domiciliu", "Siguranța membrilor familiei",
             "Îmbunătățirea condițiilor de locuit"};
  w.actions = {"Vizită la domiciliu lunară",     "Depunerea dosarului pentru ajutor social",
               "Înscriere la centrul de zi",     "Consultație la medicul de familie",
               "Discuție cu dirigintele clasei", "Înregistrare la agenția de ocupare",
               "Evaluare psihologică",           "Obținerea buletinului de identitate"};
  w.outside_responsible = {"Școala gimnazială Trebujeni", "Centrul de sănătate Trebujeni",
                           "Inspectoratul de poliție Orhei",
                           "Agenția pentru ocuparea forței de muncă Orhei", "AO „Concordia”"};
  w.outside_providers = {"Centrul de sănătate Trebujeni", "Centrul de reabilitare „Speranța” Orhei",
                         "Serviciul Asistență Parentală Profesionistă Orhei"};
  w.refusal = "Nu sunt locuri disponibile";
  w.closure = "Obiectivele planului au fost atinse";
  w.closure_unfounded = "Nevoia nu s-a confirmat la evaluare";
  w.public_provider = "Direcția Asistență Socială și Protecția Familiei Orhei";
  w.ngo_provider = "AO „Casa Mărioarei”";
  w.ngo_legal_id = "1012620004512";
  w.day_centre = "Centrul de zi pentru copii „Mugurel”";
  w.home_care = "Serviciul de îngrijire socială la domiciliu";
  w.canteen = "Cantina de ajutor social";
  w.counselling = "Consiliere psihologică pentru familii";
  w.service_end = "Obiectivele au fost atinse";
  w.aid = "Ajutor social";
  w.grant = "Ajutor material unic";
  w.heating = "Ajutor pentru perioada rece";
  w.card = "Card familie numeroasă";
  w.documents = {"Cerere", "Buletin de identitate", "Certificat privind veniturile"};
  w.rejection = "Venitul mediu lunar pe membru depășește venitul minim garantat";
  w.withdrawal = "Solicitantul a renunțat la cerere";
  w.returned = "Cont închis";
  w.violence_details = "Vecinii au auzit certuri repetate; femeia are vânătăi.";
  return w;
}

Words Ukrainian() {
  Words w;
  w.language = "uk";
  w.phone_prefix = "+38067";
  w.advice = {"Проконсультовано щодо допомоги малозабезпеченим сім'ям",
              "Роз'яснено порядок отримання субсидії на опалення",
              "Допомога у заповненні заяви на соціальну допомогу",
              "Надано інформацію про догляд вдома",
              "Направлено до сімейного лікаря для оформлення інвалідності",
              "Проконсультовано щодо допомоги ВПО"};
  w.observations = {"Житло охайне, діти відвідують школу, бракує дров на зиму.",
                    "Літня жінка проживає сама, пересувається з труднощами, потребує допомоги.",
                    "Сім'я має борги за електроенергію, батько працює сезонно.",
                    "Діти під опікою бабусі, батьки на заробітках у Польщі.",
                    "Незадовільні умови проживання, протікає дах."};
  w.next_steps = {"Повторний візит через місяць", "Подання заяви на допомогу",
                  "Зустріч з класним керівником", "Запис до сімейного лікаря"};
  w.missed = {"Нікого не було вдома", "Отримувач у лікарні"};
  w.opening = {"Дитина без нагляду, повідомлення від школи",
               "Сім'я у кризі після втрати роботи",
               "Самотня літня людина без підтримки родичів",
               "Особа з інвалідністю потребує послуг вдома",
               "Сім'я без сталих доходів, ризик крайньої бідності",
               "Домашнє насильство, повідомлення поліції",
               "Багатодітна сім'я з низькими доходами",
               "Звернення щодо відновлення документів"};
  w.goals = {"Регулярне відвідування школи дітьми", "Збільшення доходів сім'ї",
             "Належний догляд вдома", "Безпека членів сім'ї", "Покращення умов проживання"};
  w.actions = {"Щомісячний візит додому",       "Подання документів на соціальну допомогу",
               "Зарахування до денного центру", "Огляд у сімейного лікаря",
               "Зустріч з класним керівником",  "Реєстрація в центрі зайнятості",
               "Психологічна консультація",     "Оформлення паспорта"};
  w.outside_responsible = {"Калитянський ліцей", "Амбулаторія загальної практики смт Калита",
                           "Броварське районне управління поліції",
                           "Броварська філія центру зайнятості", "БФ «Право на захист»"};
  w.outside_providers = {"Амбулаторія загальної практики смт Калита",
                         "Броварський центр реабілітації дітей з інвалідністю",
                         "Служба у справах дітей Броварської РДА"};
  w.refusal = "Немає вільних місць";
  w.closure = "Цілі плану досягнуто";
  w.closure_unfounded = "Потреба не підтвердилася під час оцінки";
  w.public_provider = "Центр надання соціальних послуг Калитянської селищної ради";
  w.ngo_provider = "БФ «Родина поруч»";
  w.ngo_legal_id = "43876512";
  w.day_centre = "Денний центр для дітей «Сонечко»";
  w.home_care = "Догляд вдома";
  w.canteen = "Соціальна їдальня";
  w.counselling = "Психологічна підтримка сімей";
  w.service_end = "Цілі досягнуто";
  w.aid = "Державна соціальна допомога малозабезпеченим сім'ям";
  w.grant = "Одноразова матеріальна допомога";
  w.heating = "Допомога на опалення";
  w.card = "Посвідчення багатодітної сім'ї";
  w.documents = {"Заява", "Паспорт", "Довідка про доходи"};
  w.rejection = "Середньомісячний дохід на члена сім'ї перевищує прожитковий мінімум";
  w.withdrawal = "Заявник відкликав заяву";
  w.returned = "Рахунок закрито";
  w.violence_details = "Сусіди чули сварки; у жінки синці.";
  return w;
}

}  // namespace

const Words& WordsOf(Country country) {
  static const Words md = Moldovan();
  static const Words ua = Ukrainian();
  return country == Country::kMoldova ? md : ua;
}

}  // namespace socius::demo
