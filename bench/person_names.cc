#include "person_names.h"

#include <sstream>

namespace socius::bench {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

bool EndsWith(std::string_view s, std::string_view tail) { return s.ends_with(tail); }

std::string Cut(std::string_view s, std::string_view tail) {
  return std::string(s.substr(0, s.size() - tail.size()));
}

NameLists Romanian() {
  NameLists n;
  n.male = Split(
      "Ion Gheorghe Constantin Alexandru Nicolae Andrei Mihai Vasile Ioan Dumitru Ștefan Florin "
      "Daniel Marian Adrian Cristian Gabriel Ionuț Mihail Petru Viorel Cătălin Bogdan Valentin "
      "George Costel Marius Emil Răzvan Sorin Ovidiu Lucian Radu Dan Aurel Iulian Vlad Nicușor "
      "Claudiu Sebastian Eugen Traian Liviu Cornel Doru Silviu Dorin Laurențiu Ilie Grigore "
      "Tudor David Matei Darius Luca Rareș Gelu Paul Octavian Costin Victor Remus Cosmin Horia "
      "Teodor Alin Virgil Titus Fănel Sergiu Iosif Zoltán Attila Levente");
  n.female = Split(
      "Maria Elena Ioana Ana Mihaela Andreea Cristina Gabriela Daniela Alexandra Florentina "
      "Mariana Georgiana Ionela Nicoleta Alina Simona Adriana Elisabeta Ramona Gheorghița "
      "Vasilica Constanța Monica Roxana Raluca Camelia Luminița Oana Diana Irina Larisa Bianca "
      "Denisa Sofia Antonia Iuliana Corina Lenuța Aurelia Florica Viorica Rodica Doina Violeta "
      "Valentina Carmen Emilia Lăcrămioara Anca Delia Ecaterina Paraschiva Silvia Natalia "
      "Teodora Ștefania Marinela Aurora Veronica Alexia Ilinca Smaranda Tudora Zsuzsanna Erzsébet");
  n.family = Split(
      "Popa Pop Popescu Radu Ionescu Dumitru Stan Stoica Gheorghe Matei Ciobanu Constantin Rusu "
      "Mihai Ene Florea Munteanu Marin Dinu Tudor Lazăr Ion Barbu Moldovan Diaconu Cristea "
      "Stanciu Mocanu Nistor Ungureanu Lungu Vasile Ilie Dobre Preda Toma Neagu Dumitrescu Oprea "
      "Anghel Sandu Zamfir Sima Tănase Enache Dragomir Nicolae Cojocaru Manea Iordache Andrei "
      "Coman Georgescu Constantinescu Niculescu Bălan Voicu Dima Paraschiv Mihăilă Ardelean "
      "Avram Croitoru Ștefan Popovici Șerban Marinescu Grigore Costea Vlad Petrescu Pavel Lupu "
      "Nedelcu Iancu Cristescu Roman Sârbu Surdu Neacșu Mihalache Stoian Mitrea Nica Pârvu "
      "Olteanu Stoenescu Ispas Bucur Frățilă Marcu Mircea Badea Ciocan Gavrilă Bogdan Dragne "
      "Cazacu Rotaru Țurcanu Țăranu Pușcaș Bratu Crăciun Iliescu Moise Năstase Costache Suciu "
      "Mureșan Szabó Nagy Kovács Tóth Molnár Farkas Balogh Varga Lakatos Kiss Lăcătuș Stănescu "
      "Buzatu Căpraru Chiriac Ursu Dobrescu Dascălu Drăgan Filip Gheorghiu Ghiță Ilieș Isac "
      "Lazarescu Lupescu Macovei Mănescu Mateescu Mazilu Mihalcea Miron Moraru Muntean Neagoe "
      "Nechita Nemeș Nicoară Onu Oancea Pană Pascu Pătrașcu Petcu Pintilie Pîrvulescu Prodan "
      "Radulescu Rădulescu Rusu Sava Sălăjan Simion Sorescu Tănăsescu Teodorescu Tofan Trif "
      "Tudose Ursache Vlădescu Voinea Zaharia Cozma Husar Iacob Bîrsan Ciurea Hociotă Jitaru");
  n.stems = Split(
      "Pop Ion Stan Dan Radu Mih Vas Petr Lup Negr Bogd Grig Tud Dum Nic Andr Mar Ghe Cost Florin "
      "Stoic Dobr Văd Mold Munt Căld Bărb Corb Vulp Ursu Tom Pavel Sim Lazăr");
  n.endings = Split("escu eanu aru ache oiu ilă ică");
  return n;
}

NameLists Moldovan() {
  NameLists n;
  n.male = Split(
      "Ion Vasile Nicolae Gheorghe Alexandru Mihai Andrei Sergiu Vladimir Igor Victor Dumitru "
      "Ștefan Valeriu Petru Vitalie Oleg Ghenadie Anatolie Vadim Dorin Iurie Eugeniu Pavel "
      "Grigore Tudor Constantin Valentin Veaceslav Maxim Denis Radu Dan Artur Ruslan Nicolai "
      "Iacob Teodor Daniel Cristian Marin Mircea Adrian Octavian Roman Leonid Eduard Serghei "
      "Ilie Simion Boris Efim Fiodor Arcadie Emil Stanislav Valeri Gavril Petru Liviu Cornel");
  n.female = Split(
      "Maria Elena Ana Tatiana Natalia Svetlana Galina Lidia Valentina Olga Ludmila Nina Angela "
      "Aurelia Nadejda Larisa Ecaterina Cristina Irina Vera Zinaida Eugenia Tamara Liliana "
      "Victoria Ala Mariana Doina Rodica Corina Veronica Alexandra Daniela Diana Valeria Anastasia "
      "Eudochia Parascovia Raisa Iulia Ina Nelea Elisaveta Silvia Lilia Stela Carolina Adriana "
      "Sofia Emilia Lucia Eleonora Marina Oxana Viorica Zinovia Antonina Axenia Xenia Domnica");
  n.family = Split(
      "Rusu Ceban Ciobanu Țurcan Cebotari Lungu Munteanu Rotari Popa Cojocari Sîrbu Guțu Botnari "
      "Bivol Melnic Moraru Cazacu Ursu Roșca Croitor Bondarenco Balan Grosu Leahu Mocanu Prodan "
      "Railean Chiriac Cucu Onu Negru Plămădeală Scutaru Vrabie Zaharia Bodiu Cojocaru Bostan "
      "Pascari Puiu Găină Spînu Stratan Tcaci Ungureanu Josan Cernei Lupașcu Arnăut Andronic Sava "
      "Bîrcă Sandu Rusnac Popescu Gavriliță Cotorobai Mîndru Chirilă Toma Vlas Olaru Moldovan "
      "Țăran Nistor Gorea Rotaru Cușnir Dascăl Lozan Pîslaru Ababii Baltag Caraman Covalenco "
      "Tcaciuc Lisnic Crețu Topal Chiosea Gaidarji Bejenari Bujor Calmîc Ciorbă Cîrlan Cozma "
      "Dragan Frunze Gîrbu Hîncu Iațco Jardan Lazăr Lupu Manole Mardari Negură Nicolaev Oprea "
      "Paladi Panfil Pîrțu Postolachi Purice Rață Roman Savin Secu Sîrghi Soltan Stici Suruceanu "
      "Tăbăcaru Talmaci Ţâmbală Ursachi Vasilache Vîrlan Zgardan Bîzgu Cebanu Donțu Focșa");
  n.stems =
      Split("Cebot Rot Bejen Pasc Botn Pîsl Tăbăc Ciob Covalen Bondaren Ceban Rus Gut Dascăl");
  n.endings = Split("ari aru an eanu ciuc co");
  n.patronymic = true;
  return n;
}

NameLists Ukrainian() {
  NameLists n;
  n.cyrillic = true;
  n.patronymic = true;
  n.male = Split(
      "Олександр Сергій Володимир Андрій Іван Микола Василь Юрій Дмитро Віктор Олег Михайло Петро "
      "Ігор Богдан Тарас Роман Віталій Анатолій Максим Павло Євген Ярослав Олексій Степан Валерій "
      "Григорій Денис Артем Вадим Руслан Станіслав Костянтин Антон Леонід Назар Остап Ростислав "
      "Мирослав Владислав Кирило Данило Тимофій Федір Геннадій Валентин Ілля Любомир Орест Зіновій "
      "Матвій Марко Давид Олесь Святослав Нестор Яків Захар Гліб Семен Борис Едуард Всеволод "
      "Єгор Левко");
  n.female = Split(
      "Олена Наталія Тетяна Ольга Ірина Світлана Оксана Юлія Марія Галина Людмила Анна Надія "
      "Валентина Катерина Лариса Вікторія Ганна Ніна Любов Віра Інна Алла Тамара Лідія Олександра "
      "Анастасія Дарина Софія Мар'яна Христина Зоряна Уляна Соломія Ярослава Богдана Леся "
      "Роксолана Євгенія Валерія Діана Яна Вероніка Аліна Марина Раїса Зінаїда Антоніна Поліна "
      "Кіра Мирослава Віта Василина Олеся Таїсія Єва Стефанія Орися Килина Ївга");
  n.family = Split(
      "Мельник Шевченко Бойко Коваленко Бондаренко Ткаченко Ковальчук Кравченко Олійник Шевчук "
      "Коваль Поліщук Бондар Ткачук Марченко Лисенко Руденко Савченко Петренко Мороз Клименко "
      "Кравчук Павленко Савчук Іваненко Кузьменко Левченко Харченко Мельничук Гончаренко "
      "Приходько Лук'яненко Сидоренко Карпенко Пономаренко Тимошенко Гриценко Ковтун Яковенко "
      "Антоненко Романенко Кушнір Лозинський Швець Кириленко Панченко Мазур Вовк Литвиненко "
      "Гуменюк Дорошенко Осадчий Зінченко Юрченко Кравець Головко Остапенко Козак Гребенюк Гнатюк "
      "Білик Демченко Дмитренко Захарченко Мартинюк Нестеренко Семенко Пилипенко Костенко "
      "Онищенко Тарасенко Мирошниченко Федоренко Литвин Слободян Гаврилюк Кучер Коломієць Білоус "
      "Василенко Петрук Степаненко Гордієнко Ящук Прокопенко Вакуленко Задорожний Криворучко "
      "Собко Вдовиченко Бабенко Бурлака Бабич Гуцул Зайченко Жук Ярошенко Ющенко Кучма Кисіль "
      "Сорока Бондарчук Білоконь Кондратюк Мирончук Пасічник Мельниченко Осипенко Хоменко "
      "Ігнатенко Андрієнко Рибак Лавриненко Дячук Дяченко Мацюк Стасюк Коцюба Федорчук Климчук "
      "Гаврилишин Ковальов Семенюк Вербицький Левицький Яременко Зубко Процюк Тищенко Гайдук "
      "Пшеничний Гончар Ярмоленко Мищенко Заїка Грищенко Сушко Щербак Щербина Шаповал Шульга "
      "Тимчук Ковбасюк Чорновол Чорний Білий Герасименко Власенко Гуменний Дем'яненко Єременко "
      "Жовнір Іщенко Кравчишин Лесюк Мартиненко Нагорний Охрименко Панасюк Рибалко Савицький "
      "Тимченко Усенко Фесенко Хмара Цимбал Чумак Шевчишин Юзефович Якименко Ярема");
  n.stems = Split(
      "Іван Петр Степан Кузьм Остап Гнат Марк Павл Юрк Симон Ткач Рибал Гордій Стецьк Луц Дзюб "
      "Кохан Мисл Бойч Тарас Харит Максим Ониськ Кость Гриц Мазур Данил Корнійч Ярош Микит");
  n.endings = Split("енко ук юк чук ишин ів ич ко");
  return n;
}

NameLists Russian() {
  NameLists n;
  n.cyrillic = true;
  n.patronymic = true;
  n.male = Split(
      "Александр Сергей Дмитрий Андрей Алексей Владимир Иван Евгений Михаил Николай Максим Игорь "
      "Юрий Олег Виктор Павел Роман Денис Артём Виталий Анатолий Вячеслав Василий Константин "
      "Валерий Геннадий Антон Илья Пётр Никита Кирилл Григорий Борис Леонид Фёдор Степан Вадим "
      "Станислав Тимур Руслан Егор Даниил Георгий Валентин Аркадий Эдуард Семён Лев Ярослав Глеб "
      "Матвей Тимофей Арсений");
  n.female = Split(
      "Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Марина Галина "
      "Людмила Анастасия Надежда Валентина Оксана Любовь Нина Вера Дарья Евгения Алла Лариса "
      "Тамара Виктория Ксения Александра Полина Софья Алёна Кристина Маргарита Зинаида Раиса "
      "Лидия Жанна Инна Елизавета Валерия Алина Яна Антонина Варвара Вероника Диана Олеся Майя "
      "Анжелика Лилия");
  n.family = Split(
      "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
      "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
      "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев "
      "Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин "
      "Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов "
      "Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов "
      "Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев "
      "Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев "
      "Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев "
      "Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков "
      "Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов "
      "Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов "
      "Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев "
      "Харитонов Князев Цветков Левин Воронцов Аксёнов Мальцев Логинов Горшков Савин Краснов "
      "Майоров Демидов Елисеев Рыбаков Сафонов Плотников Хохлов Жданов Островский Вишневский "
      "Толстой Трубецкой");
  n.stems = Split(
      "Булат Воскресен Гладк Дуб Ерш Зыр Кашин Лапт Мух Нос Окун Пет Рыж Сыч Тюр Уш Хлеб Чиж Шуст "
      "Щук Яшин Барыш Вилк Горюн Дорон Жмур Кудр Лыс Мирон Сед");
  n.endings = Split("ов ин ев ский ых");
  return n;
}

NameLists Macedonian() {
  NameLists n;
  n.cyrillic = true;
  n.male = Split(
      "Александар Никола Дејан Горан Зоран Игор Марко Стефан Филип Давид Петар Трајче Благоја "
      "Драган Бојан Владимир Иван Дарко Борис Димитар Ѓорѓи Јован Ацо Методија Кирил Томе Стојан "
      "Ристо Љупчо Васко Мартин Антонио Лука Михаил Андреј Тони Сашо Живко Наум Мирче Илија Ангел "
      "Ненад Оливер Мите Коце Благој Горјан Кристијан Агон Бесник Фатмир Арбен Флорим Мухамед "
      "Енвер Исмет");
  n.female = Split(
      "Марија Елена Ана Александра Катерина Сара Ива Јована Билјана Снежана Весна Гордана Јасмина "
      "Маја Валентина Даниела Викторија Светлана Софија Тамара Ирена Наташа Бранка Лилјана "
      "Цветанка Благица Верка Слаѓана Марина Кристина Теодора Симона Мила Ангела Мартина Емилија "
      "Сања Љубица Милка Стефанија Христина Драгана Зорица Виолета Арбнора Фатиме Ајше Дрита "
      "Лирије Шпреса Еранда");
  n.family = Split(
      "Стојановски Николовски Трајковски Јовановски Петровски Димитровски Илиевски Ристовски "
      "Стефановски Митревски Костовски Јованов Георгиевски Ангеловски Спасовски Атанасовски "
      "Наумовски Тодоровски Симоновски Павловски Велковски Митровски Ивановски Андоновски "
      "Марковски Алексовски Петрушевски Блажевски Милевски Бошковски Талевски Стојанов Николов "
      "Трајков Петров Димитров Ристов Георгиев Ангелов Стефанов Илиев Митев Костов Атанасов "
      "Тодоров Пешевски Јакимовски Арсовски Цветковски Кузмановски Филиповски Ѓорѓиевски Ѓорѓиев "
      "Мицевски Крстевски Зафировски Стојчевски Најдовски Гошевски Спасов Величковски Давчевски "
      "Јанев Јаневски Андреевски Лазаревски Кочовски Поповски Попов Милошевски Здравковски "
      "Рашковски Ѓуровски Трпевски Китановски Шутевски Чавдаровски Кочоски Талески Ристески "
      "Стојаноски Секулоски Џамбазовски Жежовски Мојсовски Ефтимов Манев Маневски Алиу Исмаили "
      "Рамадани Мемети Сулејмани Бајрами Јашари Адеми Зеќири Османи Ибрахими Фејзули Шабани Исени "
      "Реџепи Љуботенски Ѓоревски Ќосевски Ѕвездовски Бојаџиевски");
  n.stems = Split(
      "Стој Нико Трај Јован Петр Димитр Ристе Божин Ванче Гроздан Кире Лазар Мите Наце Пене Секул "
      "Тасе Цане Блаже Доне");
  n.endings = Split("вски ски ов ев оски");
  return n;
}

NameLists Lithuanian() {
  NameLists n;
  n.male = Split(
      "Jonas Petras Antanas Juozas Kazimieras Vytautas Algirdas Tomas Mindaugas Darius Andrius "
      "Mantas Lukas Matas Rokas Dovydas Gintaras Rimantas Saulius Arūnas Audrius Marius Povilas "
      "Stasys Aleksandras Vladas Žilvinas Giedrius Ričardas Egidijus Kęstutis Edvardas Linas "
      "Paulius Nerijus Tadas Justinas Aurimas Dainius Vaidas Arvydas Raimondas Valdas Sigitas "
      "Gediminas Jurgis Emilis Nojus Kajus Benas Adomas Domantas Ignas Karolis Laurynas");
  n.female = Split(
      "Ona Janina Irena Danutė Aldona Regina Kristina Rasa Jurgita Laima Vida Rūta Inga Daiva Asta "
      "Giedrė Jolanta Lina Vilma Edita Aušra Agnė Eglė Ieva Gabija Emilija Austėja Kamilė Ugnė "
      "Gabrielė Lėja Viktorija Monika Justina Neringa Dalia Birutė Genovaitė Elena Stasė Zita "
      "Marija Loreta Ramunė Sigita Renata Živilė Ernesta Indrė Simona Greta Urtė Milda Goda");
  n.family = Split(
      "Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas "
      "Urbonas Kavaliauskas Baranauskas Pocius Rimkus Lukoševičius Sakalauskas Ramanauskas "
      "Navickas Balčiūnas Kairys Žilinskas Adomaitis Vaitkus Stankus Mikalauskas Mockus Jonaitis "
      "Šimkus Žemaitis Bružas Kaminskas Savickas Kučinskas Grigas Jurgaitis Rutkauskas "
      "Vaitkevičius Norkus Kubilius Dambrauskas Gudaitis Lukauskas Petraitis Valiukas Barkauskas "
      "Černiauskas Bernotas Ivanauskas Marcinkevičius Daukšas Sinkevičius Juška Kriaučiūnas "
      "Mažeika Jonušas Milinis Tamošiūnas Stonkus Gedvilas Bagdonas Morkūnas Venckus Klimas "
      "Rakauskas Jasiūnas Jakubauskas Kazakevičius Šukys Kvedaras Kuzminskas Lapinskas Ambrazas "
      "Budrys Kasparavičius Matulis Jokubauskas Grybauskas Paškevičius Kalinauskas Stasiulis "
      "Mačiulis Tamulis Jucys Vilkas Lukšys Rudzinskas Urbonavičius Banys Sabaliauskas Zabiela "
      "Kazėnas Petrulis Dapkus Kiškis Bartkus Gaidys Motiejūnas Burba Vaičiulis Gaižauskas "
      "Jurkus Kudirka Valančius Mickus Bielskis Radzevičius Šalkauskas");
  n.stems = Split(
      "Jon Petr Kazl Jank Vasil Žuk Butk Paul Urbon Baran Sakal Raman Mikal Grig Jurg Rutk Dambr "
      "Gud Luk Bern Marc Kriauč Mork Venc Klim Rak Jakub");
  n.endings = Split("auskas aitis ėnas evičius ūnas onis");
  return n;
}

}  // namespace

const NameLists& NamesOf(NameStock stock) {
  static const std::vector<NameLists> all = {Romanian(), Moldovan(),   Ukrainian(),
                                             Russian(),  Macedonian(), Lithuanian()};
  return all[static_cast<size_t>(stock)];
}

std::string FeminineFamilyName(NameStock stock, std::string_view f, bool married) {
  switch (stock) {
    case NameStock::kRomanian:
    case NameStock::kMoldovan:
      return std::string(f);
    case NameStock::kUkrainian:
      if (EndsWith(f, "ий")) return Cut(f, "ий") + "а";
      if (EndsWith(f, "ов") || EndsWith(f, "ев") || EndsWith(f, "єв") || EndsWith(f, "ін") ||
          EndsWith(f, "їн")) {
        return std::string(f) + "а";
      }
      return std::string(f);
    case NameStock::kRussian:
      if (EndsWith(f, "ий")) return Cut(f, "ий") + "ая";
      if (EndsWith(f, "ой")) return Cut(f, "ой") + "ая";
      if (EndsWith(f, "ых")) return std::string(f);
      if (EndsWith(f, "ов") || EndsWith(f, "ев") || EndsWith(f, "ёв") || EndsWith(f, "ин") ||
          EndsWith(f, "ын")) {
        return std::string(f) + "а";
      }
      return std::string(f);
    case NameStock::kMacedonian:
      if (EndsWith(f, "ски")) return Cut(f, "и") + "а";
      if (EndsWith(f, "ов") || EndsWith(f, "ев")) return std::string(f) + "а";
      return std::string(f);
    case NameStock::kLithuanian: {
      struct Rule {
        std::string_view male, married, unmarried;
      };
      static constexpr Rule kRules[] = {{"ius", "ienė", "iūtė"}, {"as", "ienė", "aitė"},
                                        {"ys", "ienė", "ytė"},   {"is", "ienė", "ytė"},
                                        {"us", "ienė", "utė"},   {"a", "ienė", "aitė"}};
      for (const Rule& r : kRules) {
        if (EndsWith(f, r.male)) {
          return Cut(f, r.male) + std::string(married ? r.married : r.unmarried);
        }
      }
      return std::string(f);
    }
  }
  return std::string(f);
}

std::string Patronymic(NameStock stock, std::string_view father, bool male) {
  if (stock == NameStock::kMoldovan) return std::string(father);
  if (stock == NameStock::kUkrainian) {
    struct Special {
      std::string_view name, son, daughter;
    };
    static constexpr Special kSpecial[] = {{"Микола", "Миколайович", "Миколаївна"},
                                           {"Ілля", "Ілліч", "Іллівна"},
                                           {"Федір", "Федорович", "Федорівна"},
                                           {"Яків", "Якович", "Яківна"},
                                           {"Левко", "Левкович", "Левківна"}};
    for (const Special& s : kSpecial) {
      if (father == s.name) return std::string(male ? s.son : s.daughter);
    }
    if (EndsWith(father, "ій")) {
      return male ? std::string(father) + "ович" : Cut(father, "ій") + "іївна";
    }
    if (EndsWith(father, "о")) return Cut(father, "о") + (male ? "ович" : "івна");
    if (EndsWith(father, "ь")) {
      return male ? std::string(father) + "ович" : Cut(father, "ь") + "івна";
    }
    return std::string(father) + (male ? "ович" : "івна");
  }
  if (stock == NameStock::kRussian) {
    struct Special {
      std::string_view name, son, daughter;
    };
    static constexpr Special kSpecial[] = {
        {"Дмитрий", "Дмитриевич", "Дмитриевна"}, {"Георгий", "Георгиевич", "Георгиевна"},
        {"Пётр", "Петрович", "Петровна"},        {"Павел", "Павлович", "Павловна"},
        {"Лев", "Львович", "Львовна"},           {"Илья", "Ильич", "Ильинична"},
        {"Никита", "Никитич", "Никитична"}};
    for (const Special& s : kSpecial) {
      if (father == s.name) return std::string(male ? s.son : s.daughter);
    }
    const char* son = "ович";
    const char* daughter = "овна";
    std::string base(father);
    if (EndsWith(father, "ий")) {
      base = Cut(father, "ий") + "ь";
      son = "евич";
      daughter = "евна";
    } else if (EndsWith(father, "ей") || EndsWith(father, "ай")) {
      base = Cut(father, "й");
      son = "евич";
      daughter = "евна";
    } else if (EndsWith(father, "ь")) {
      base = Cut(father, "ь");
      son = "евич";
      daughter = "евна";
    }
    // Сергей → Серге + евич = Сергеевич; Николай → Никола + евич = Николаевич.
    return base + (male ? son : daughter);
  }
  return "";
}

}  // namespace socius::bench
