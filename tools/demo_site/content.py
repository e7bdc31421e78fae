"""Text of the demo articles. Paragraphs are HTML fragments (may hold &nbsp; and inline tags)."""

from __future__ import annotations

SEED_FILE = "/work/shared/seeds/000_e66f095ecd421a71.txt"

# Category id -> (slug, label): a subset of the site's known categories.
CATEGORIES = {
    3: ("nasional", "Nasional"),
    2: ("ibu-kota", "Ibu Kota"),
    1: ("daerah", "Daerah"),
    5: ("internasional", "Internasional"),
    6: ("ekonomi-bisnis", "Ekonomi Bisnis"),
    8: ("iptek", "Iptek"),
    12: ("kesehatan", "Kesehatan"),
    15: ("olahraga", "Olahraga"),
}

FEEDER = "Mitra Elshinta Feeder"

# Seed article: the body is taken from the seed file and split at these sentence starts.
SEED = {
    "id": 227891,
    "when": (2020, 10, 26, 11, 26),
    "author": FEEDER,
    "origin": "VOA Indonesia",
    "category": 5,
    "image": ("lukashenko-pompeo-telepon", "Presiden Belarus Alexander Lukashenko",
              "Presiden Belarus Alexander Lukashenko. Sumber foto: VOA Indonesia"),
    "label": "Minsk, Belarus",
    "colors": ("#7b1e1e", "#d9a441"),
    "split_at": [
        "Lukashenko masih terus berkuasa",
        "Lukashenko tidak memperlihatkan",
        "Lukashenko telah berupaya",
        "Seorang juru bicara",
        '"Menteri menyerukan',
        "Washington telah memberlakukan",
        "[vm/ft]",
    ],
    "comments": [
        ("Andi S.", "26 Oktober 2020 12:04",
         "Semoga krisis di Belarus cepat selesai tanpa korban lagi."),
        ("warga_bekasi", "26 Oktober 2020 13:41",
         "Menarik melihat bagaimana Rusia akan bersikap kalau mogok nasional benar terjadi."),
    ],
}

# The ten "Baca Juga" articles, in the seed page's order (newest first).
# "related" indexes ALL = [SEED, *RELATED]: 0 is the seed, i is RELATED[i - 1].
RELATED = [
    {
        "id": 250418, "when": (2021, 6, 15, 9, 28), "author": FEEDER, "origin": "VOA Indonesia",
        "category": 5, "label": "Kabul, Afghanistan", "colors": ("#4b5d3a", "#c9b27c"),
        "image": ("pentagon-afghanistan-serangan-udara", "Pasukan AS di Afghanistan",
                  "Pasukan AS di Afghanistan. Sumber foto: VOA Indonesia"),
        "title": "Serangan di Afghanistan Hanya Fokus Untuk Cegah Serangan terhadap AS dan Sekutu",
        "body": [
            "AS tidak berencana untuk mendukung pasukan Afghanistan dengan serangan udara setelah "
            "penarikan pasukan Amerika rampung, kecuali untuk mencegah serangan terhadap Amerika "
            "Serikat dan sekutunya, kata seorang pejabat tinggi Pentagon, Senin (14/6).",
            "Pejabat itu mengatakan kepada wartawan bahwa kemampuan militer AS yang tersisa di "
            "kawasan akan difokuskan pada kelompok-kelompok seperti al-Qaida dan ISIS yang dapat "
            "kembali menyusun kekuatan di Afghanistan. Dukungan udara bagi operasi pasukan keamanan "
            "Afghanistan melawan Taliban, katanya, tidak termasuk dalam rencana tersebut.",
            "Presiden Joe Biden telah memerintahkan penarikan sekitar 2.500&nbsp;tentara AS yang "
            "tersisa dari Afghanistan selambatnya 11 September, tepat dua dekade setelah serangan "
            "teroris di New York dan Washington.",
            "Sejumlah anggota Kongres khawatir keputusan itu akan membuat pemerintah di Kabul rentan "
            "menghadapi serangan Taliban, yang dalam beberapa pekan terakhir merebut sejumlah "
            "distrik di berbagai provinsi. Pentagon menyatakan masih mencari negara-negara tetangga "
            "Afghanistan yang bersedia menjadi tempat penempatan pasukan dan pesawat AS.",
            "Washington juga berjanji akan terus mendanai pasukan keamanan Afghanistan setelah "
            "penarikan selesai.",
            "[my/jm]",
        ],
        "related": [0, 2, 3, 9],
    },
    {
        "id": 250417, "when": (2021, 6, 15, 9, 24), "author": FEEDER, "origin": "VOA Indonesia",
        "category": 5, "label": "KTT NATO, Brussels", "colors": ("#0b2a5b", "#5a8fd6"),
        "image": ("biden-ktt-nato-brussels", "Presiden AS Joe Biden di markas NATO",
                  "Presiden AS Joe Biden di markas NATO, Brussels. Sumber foto: VOA Indonesia"),
        "title": "Biden Tegaskan Komitmen AS terhadap Klausul Pertahanan Bersama NATO",
        "body": [
            "Pakta Pertahanan Atlantik Utara (NATO) akan membahas revisi konsep strategisnya "
            "sewaktu para pemimpin negara anggota bertemu di Brussels, Senin (14/6), dalam "
            "pertemuan puncak pertama yang dihadiri Presiden AS Joe Biden.",
            "Biden menegaskan kembali komitmen Amerika Serikat terhadap Pasal&nbsp;5 Perjanjian "
            "Atlantik Utara, klausul pertahanan bersama yang menyatakan serangan terhadap satu "
            "anggota dianggap sebagai serangan terhadap semua anggota. Ia menyebut komitmen itu "
            "sebagai <em>kewajiban suci</em> bagi Washington.",
            "Para pemimpin aliansi juga membahas tantangan yang ditimbulkan oleh Rusia dan China, "
            "termasuk serangan siber, serta penarikan pasukan NATO dari Afghanistan.",
            "Sekretaris Jenderal NATO Jens Stoltenberg mengatakan konsep strategis yang terakhir "
            "diperbarui pada 2010 perlu direvisi agar aliansi siap menghadapi lingkungan keamanan "
            "yang jauh berbeda dibanding satu dekade lalu.",
            "[ka/lt]",
        ],
        "related": [0, 1, 9],
    },
    {
        "id": 250415, "when": (2021, 6, 15, 9, 19), "author": FEEDER, "origin": "VOA Indonesia",
        "category": 5, "label": "Auckland, Selandia Baru", "colors": ("#1d5c63", "#9fd3c7"),
        "image": ("selandia-baru-dawn-raids", "Warga Pasifika di Auckland",
                  "Warga Pasifika di Auckland. Sumber foto: VOA Indonesia"),
        "title": "Selandia Baru Minta Maaf Atas Tindakan Imigrasi Masa Lalu",
        "body": [
            "Pemerintah Selandia Baru meminta maaf atas penindakan keimigrasian yang keras hampir "
            "50 tahun lalu terhadap warga asal negara-negara Kepulauan Pasifik, yang dikenal sebagai "
            "<em>Dawn Raids</em> atau razia subuh.",
            "Perdana Menteri Jacinda Ardern mengumumkan, Senin (14/6), bahwa pemerintah akan "
            "menyampaikan permintaan maaf resmi dalam sebuah upacara di Auckland akhir bulan ini.",
            "Pada pertengahan 1970-an, polisi dan petugas imigrasi menggerebek rumah-rumah keluarga "
            "Pasifika pada dini hari untuk mencari orang-orang yang tinggal melebihi izin tinggal "
            "mereka. Razia itu dinilai diskriminatif karena menyasar warga Pasifik secara tidak "
            "proporsional.",
            "Tokoh-tokoh masyarakat Pasifik menyambut baik langkah tersebut. Mereka mengatakan "
            "pengalaman itu meninggalkan trauma bagi banyak keluarga dan masih dirasakan hingga "
            "generasi berikutnya.",
            "[ps/ah]",
        ],
        "related": [0, 5, 7],
    },
    {
        "id": 250412, "when": (2021, 6, 15, 9, 11), "author": "Sri Lestari", "origin": "",
        "category": 12, "label": "", "colors": None, "image": None,
        "title": "Varian Delta Bukan Faktor Tunggal Lonjakan Kasus",
        "body": [
            "Sejumlah daerah di Indonesia mengalami lonjakan kasus positif COVID-19 dalam beberapa "
            "hari terakhir. Munculnya varian Delta yang lebih mudah menular kerap disebut sebagai "
            "penyebab utama, namun para ahli epidemiologi menilai varian baru bukan satu-satunya "
            "faktor.",
            "Menurut mereka, peningkatan mobilitas warga selama dan setelah libur Idulfitri, "
            "longgarnya penerapan protokol kesehatan, serta rendahnya cakupan pemeriksaan dan "
            "pelacakan kontak turut mendorong penularan di masyarakat.",
            '"Varian Delta memang mempercepat penularan, tetapi virus hanya bisa menyebar jika ada '
            "kesempatan. Kerumunan dan abainya masker memberi kesempatan itu,\" kata seorang "
            "epidemiolog kepada Radio Elshinta, Selasa (15/6).",
            "Pemerintah daerah diminta memperketat pembatasan kegiatan masyarakat berskala mikro, "
            "mempercepat vaksinasi bagi kelompok rentan, dan memperluas pemeriksaan agar kasus dapat "
            "ditemukan lebih dini.",
            "Masyarakat juga diimbau tetap menerapkan protokol kesehatan, yakni memakai masker, "
            "mencuci tangan, menjaga jarak, menghindari kerumunan, dan mengurangi mobilitas.",
        ],
        "related": [0, 8, 10],
    },
    {
        "id": 250410, "when": (2021, 6, 15, 9, 5), "author": FEEDER, "origin": "ABC Australia",
        "category": 5, "label": "", "colors": None, "image": None,
        "title": "Sukarelawan Australia Bantu Pasien Pertahankan ingatan tentang Kehidupannya",
        "body": [
            "Sekelompok sukarelawan di Australian Capital Territory (ACT) membantu kisah hidup "
            "pasien lanjut usia tetap terkenang dengan menuliskannya menjadi buku biografi pribadi.",
            "Para sukarelawan menemui pasien secara rutin dan merekam percakapan tentang masa kecil, "
            "pekerjaan, keluarga, hingga peristiwa penting yang mereka alami. Rekaman itu kemudian "
            "disusun menjadi buku yang dicetak dan diserahkan kepada pasien serta keluarganya.",
            "Bagi banyak pasien, proses bercerita itu sendiri memberi ketenangan. Mereka merasa "
            "didengarkan dan mendapat kesempatan untuk merenungkan kembali perjalanan hidupnya.",
            "Keluarga pasien mengatakan buku tersebut menjadi kenang-kenangan berharga, terutama "
            "bagi cucu-cucu yang ingin mengenal kisah kakek dan nenek mereka.",
            "Program ini kini mencari lebih banyak sukarelawan, terutama mereka yang gemar menulis "
            "dan mampu mendengarkan dengan sabar.",
        ],
        "related": [0, 7, 10, 3],
    },
    {
        "id": 250408, "when": (2021, 6, 15, 8, 58), "author": FEEDER, "origin": "VOA Indonesia",
        "category": 5, "label": "Bukavu, Kongo", "colors": ("#5b2a86", "#f2a65a"),
        "image": ("kongo-terapi-tari-bukavu", "Terapi tari di Bukavu",
                  "Terapi tari di sebuah pusat rehabilitasi di Bukavu. Sumber foto: VOA Indonesia"),
        "title": "Di Kongo, Tari Jadi Terapi Bagi Korban Pemerkosaan",
        "body": [
            "Di sebuah pusat rehabilitasi di Bukavu, Republik Demokratik Kongo, menari ditawarkan "
            "sebagai salah satu bentuk terapi bagi para perempuan korban kekerasan seksual.",
            "Kekerasan seksual telah lama digunakan sebagai senjata dalam konflik bersenjata di "
            "wilayah timur Kongo. Ribuan perempuan dirawat setiap tahun di rumah sakit dan pusat "
            "rehabilitasi di Provinsi Kivu Selatan.",
            "Para terapis mengatakan gerakan tubuh dan musik membantu para korban memulihkan "
            "hubungan dengan tubuh mereka sendiri, melepaskan ketegangan, dan kembali merasakan "
            "kegembiraan setelah mengalami trauma berat.",
            "Selain menari, para korban juga mendapat perawatan medis, pendampingan psikologis, "
            "bantuan hukum, serta pelatihan keterampilan agar dapat kembali mandiri secara ekonomi.",
            "[rd/ka]",
        ],
        "related": [0, 5, 10],
    },
    {
        "id": 250405, "when": (2021, 6, 15, 8, 51), "author": FEEDER, "origin": "ABC Australia",
        "category": 8, "label": "Queensland, Australia", "colors": ("#8a4b08", "#f6d186"),
        "image": ("australotitan-dinosaurus-queensland", "Ilustrasi Australotitan cooperensis",
                  "Ilustrasi Australotitan cooperensis. Sumber foto: ABC Australia"),
        "title": "Tulang Dinosaurus Terbesar Ditemukan di Australia",
        "body": [
            "Tulang belulang yang ditemukan di Australia 15 tahun lalu adalah tulang dinosaurus "
            "terbesar yang pernah ditemukan di benua tersebut, menurut para ilmuwan.",
            "Dinosaurus pemakan tumbuhan berleher panjang itu diberi nama <em>Australotitan "
            "cooperensis</em>. Fosilnya pertama kali ditemukan pada 2006 di sebuah peternakan di "
            "wilayah barat daya Queensland.",
            "Para peneliti memperkirakan hewan itu memiliki tinggi 5 hingga 6,5&nbsp;meter dengan "
            "panjang 25 hingga 30&nbsp;meter, kira-kira sepanjang lapangan bola basket.",
            "Proses identifikasi memakan waktu bertahun-tahun karena tulang-tulang berukuran besar "
            "itu rapuh dan berat, sehingga harus dipindai secara digital dan dibandingkan dengan "
            "fosil spesies lain.",
            "Temuan ini menempatkan Australia di antara sedikit wilayah di dunia yang menjadi rumah "
            "bagi dinosaurus raksasa dari kelompok sauropoda.",
        ],
        "related": [0, 5, 3],
    },
    {
        "id": 250401, "when": (2021, 6, 15, 8, 44), "author": FEEDER, "origin": "VOA Indonesia",
        "category": 12, "label": "", "colors": None, "image": None,
        "title": "Menkes: Corona Varian India Mendominasi DKI Jakarta, Kudus dan Bangkalan",
        "body": [
            "Varian baru virus corona B1617.2 asal India meningkatkan secara signifikan angka kasus "
            "COVID-19 di DKI Jakarta, Kudus dan Bangkalan, kata Menteri Kesehatan Budi Gunadi "
            "Sadikin.",
            "Menurut Budi, hasil pengurutan genom terhadap sampel dari ketiga daerah tersebut "
            "menunjukkan varian yang juga dikenal sebagai varian Delta itu kini mendominasi "
            "kasus-kasus baru di sana.",
            "Pemerintah telah mengirimkan tambahan tenaga kesehatan, obat-obatan dan oksigen ke "
            "Kudus dan Bangkalan, serta meminta pemerintah daerah menyiapkan lebih banyak tempat "
            "tidur di rumah sakit.",
            "Budi meminta masyarakat tidak panik namun tetap waspada, karena varian ini lebih mudah "
            "menular dibanding varian-varian sebelumnya.",
            "[ah/em]",
        ],
        "related": [0, 4, 10, 6],
    },
    {
        "id": 250398, "when": (2021, 6, 15, 8, 37), "author": FEEDER, "origin": "VOA Indonesia",
        "category": 5, "label": "KTT G-7, Cornwall", "colors": ("#114b2f", "#8fd694"),
        "image": ("g7-bank-pembangunan-afrika", "Para pemimpin G-7 di Cornwall",
                  "Para pemimpin G-7 di Cornwall, Inggris. Sumber foto: VOA Indonesia"),
        "title": "Bank-bank Pembangunan G-7 Janjikan $80 Milyar untuk Perusahaan-perusahaan Afrika",
        "body": [
            "Bank-bank pembangunan besar dari negara-negara terkaya di dunia membuat janji penting "
            "bersama pada Sabtu (12/6), yakni menanamkan 80&nbsp;miliar dolar AS di "
            "perusahaan-perusahaan swasta di Afrika dalam lima tahun ke depan.",
            "Lembaga-lembaga keuangan pembangunan dari negara-negara G-7 itu mengatakan investasi "
            "tersebut akan difokuskan untuk mendukung pemulihan ekonomi Afrika dari pandemi "
            "COVID-19, termasuk di sektor energi terbarukan, infrastruktur, dan usaha kecil.",
            "Sebagian dana juga akan diarahkan ke usaha-usaha yang dipimpin perempuan, yang dinilai "
            "paling terpukul oleh krisis ekonomi akibat pandemi.",
            "Janji itu diumumkan bertepatan dengan pertemuan puncak para pemimpin G-7 di Cornwall, "
            "Inggris, yang juga membahas distribusi vaksin ke negara-negara berkembang dan upaya "
            "menghadapi perubahan iklim.",
            "[lt/ab]",
        ],
        "related": [0, 2, 1],
    },
    {
        "id": 250394, "when": (2021, 6, 15, 8, 30), "author": "Rizky Rian Saputra", "origin": "",
        "category": 12, "label": "", "colors": None, "image": None,
        "title": "Kesehatan Mental Lansia Paling Terpengaruh Pandemi Berkepanjangan",
        "body": [
            "Setelah pandemi COVID-19 berlangsung lebih dari setahun dan belum tampak tanda-tanda "
            "akan berakhir, kelompok lanjut usia disebut sebagai kelompok yang kesehatan mentalnya "
            "paling terpengaruh.",
            "Pembatasan sosial membuat banyak lansia tidak dapat bertemu anak dan cucu, beribadah "
            "bersama, atau mengikuti kegiatan kemasyarakatan yang selama ini menjadi bagian penting "
            "dari keseharian mereka.",
            "Psikolog mengingatkan bahwa rasa kesepian yang berkepanjangan dapat memicu kecemasan, "
            "gangguan tidur, hingga depresi. Gejalanya sering tidak disadari keluarga karena "
            "dianggap bagian dari proses penuaan.",
            "Keluarga dianjurkan tetap menjalin komunikasi rutin, misalnya melalui telepon atau "
            'panggilan video, serta membantu lansia tetap aktif dengan <a href="{{BASE}}/kategori/'
            '12/kesehatan">kegiatan sederhana</a> di rumah.',
            "Lansia yang menunjukkan tanda-tanda depresi, seperti kehilangan minat, menarik diri, "
            "atau perubahan pola makan, sebaiknya segera dibawa berkonsultasi ke tenaga kesehatan.",
        ],
        "related": [0, 5, 4],
    },
]
