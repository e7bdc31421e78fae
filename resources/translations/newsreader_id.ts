<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Newsreader</source>
        <translation>Tentang Newsreader</translation>
    </message>
    <message>
        <source>Newsreader</source>
        <translation>Newsreader</translation>
    </message>
    <message>
        <source>Reads news sites and feeds, keeps whole articles for reading offline, and shows them without loading anything from the web. Built first for Elshinta.com.</source>
        <translation>Membaca situs berita dan umpan, menyimpan artikel utuh untuk dibaca secara luring, dan menampilkannya tanpa memuat apa pun dari web. Dibuat pertama kali untuk Elshinta.com.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versi:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lisensi:</translation>
    </message>
    <message>
        <source>GNU General Public License, version 3 or later (%1)</source>
        <translation>GNU General Public License, versi 3 atau yang lebih baru (%1)</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Folder data:</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>Berkas log:</translation>
    </message>
    <message>
        <source>Open Data Folder</source>
        <translation>Buka Folder Data</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>Subscriptions</source>
        <translation>Langganan</translation>
    </message>
    <message>
        <source>Smart views, saved searches, folders and feeds with their unread counts (Ctrl+1)</source>
        <translation>Tampilan pintar, pencarian tersimpan, folder, dan umpan beserta jumlah yang belum dibaca (Ctrl+1)</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>The articles of the selected feed or view; unread ones are bold (Ctrl+2)</source>
        <translation>Artikel dari umpan atau tampilan yang dipilih; yang belum dibaca dicetak tebal (Ctrl+2)</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Isi artikel</translation>
    </message>
    <message>
        <source>The text of the selected article; Space scrolls (Ctrl+3)</source>
        <translation>Teks artikel yang dipilih; Spasi menggulir (Ctrl+3)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Bilah Alat</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Bilah menu</translation>
    </message>
    <message>
        <source>Status bar</source>
        <translation>Bilah status</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <source>Update progress</source>
        <translation>Kemajuan pembaruan</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Pembaruan terakhir</translation>
    </message>
    <message>
        <source>Panes</source>
        <translation>Panel</translation>
    </message>
</context>
<context>
    <name>ActionSet</name>
    <message>
        <source>&amp;Add Subscription…</source>
        <translation>&amp;Tambah Langganan…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Ekspor…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>Beri B&amp;intang</translation>
    </message>
    <message>
        <source>Mark &amp;All as Read</source>
        <translation>Tandai &amp;Semua Sudah Dibaca</translation>
    </message>
    <message>
        <source>&amp;Next Unread</source>
        <translation>Belum Dibaca Beri&amp;kutnya</translation>
    </message>
    <message>
        <source>Open in &amp;Browser</source>
        <translation>Buka di &amp;Peramban</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>Sa&amp;lin Tautan</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>Ke&amp;mbali</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <source>Refresh &amp;Selected Feed</source>
        <translation>Segarkan &amp;Umpan Terpilih</translation>
    </message>
    <message>
        <source>S&amp;top Updating</source>
        <translation>&amp;Hentikan Pembaruan</translation>
    </message>
    <message>
        <source>&amp;Remove Subscription…</source>
        <translation>&amp;Hapus Langganan…</translation>
    </message>
    <message>
        <source>Subscription &amp;Properties…</source>
        <translation>&amp;Properti Langganan…</translation>
    </message>
    <message>
        <source>Article Below the &amp;List</source>
        <translation>Artikel di Bawah &amp;Daftar</translation>
    </message>
    <message>
        <source>&amp;About Newsreader</source>
        <translation>&amp;Tentang Newsreader</translation>
    </message>
    <message>
        <source>Refresh all feeds (F5)</source>
        <translation>Segarkan semua umpan (F5)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sunting</translation>
    </message>
    <message>
        <source>Un&amp;star</source>
        <translation>Hapus B&amp;intang</translation>
    </message>
    <message>
        <source>Star the article (S)</source>
        <translation>Beri bintang pada artikel (S)</translation>
    </message>
    <message>
        <source>Remove the star (S)</source>
        <translation>Hapus bintang dari artikel (S)</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>Tandai &amp;Belum Dibaca</translation>
    </message>
    <message>
        <source>Mark all articles here as read</source>
        <translation>Tandai semua artikel di sini sudah dibaca</translation>
    </message>
    <message>
        <source>Mark as &amp;Read</source>
        <translation>Tandai Sudah &amp;Dibaca</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Artikel</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
</context>
<context>
    <name>AddFeedDialog</name>
    <message>
        <source>Add Subscription</source>
        <translation>Tambah Langganan</translation>
    </message>
    <message>
        <source>https://www.elshinta.com/ or a feed address</source>
        <translation>https://www.elshinta.com/ atau alamat umpan</translation>
    </message>
    <message>
        <source>No folder</source>
        <translation>Tanpa folder</translation>
    </message>
    <message>
        <source>A site address works too: Newsreader looks for the site&apos;s feed, or reads its list of latest articles.</source>
        <translation>Alamat situs juga bisa: Newsreader mencari umpan situs itu, atau membaca daftar artikel terbarunya.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Alamat:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>This is not a web address (http or https).</source>
        <translation>Ini bukan alamat web (http atau https).</translation>
    </message>
    <message>
        <source>You are already subscribed to this address.</source>
        <translation>Anda sudah berlangganan alamat ini.</translation>
    </message>
    <message>
        <source>No feed or article list was found at this address.</source>
        <translation>Tidak ditemukan umpan atau daftar artikel di alamat ini.</translation>
    </message>
    <message>
        <source>Could not load the address: %1</source>
        <translation>Alamat tidak dapat dimuat: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Galat tak terduga: %1</translation>
    </message>
</context>
<context>
    <name>ArticleController</name>
    <message>
        <source>Could not open the article: %1</source>
        <translation>Artikel tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>Could not open the related article: %1</source>
        <translation>Artikel terkait tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>Could not save the change: %1</source>
        <translation>Perubahan tidak dapat disimpan: %1</translation>
    </message>
</context>
<context>
    <name>ArticlePrinter</name>
    <message>
        <source>Open an article to print it.</source>
        <translation>Buka sebuah artikel untuk mencetaknya.</translation>
    </message>
    <message>
        <source>Print Article</source>
        <translation>Cetak Artikel</translation>
    </message>
</context>
<context>
    <name>ArticleViewWidget</name>
    <message>
        <source>Select an article to read it.</source>
        <translation>Pilih artikel untuk membacanya.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>By {author}</source>
        <translation>Oleh {author}</translation>
    </message>
    <message>
        <source>Source: {origin}</source>
        <translation>Sumber: {origin}</translation>
    </message>
    <message>
        <source>Extracted by site rule {name}</source>
        <translation>Diekstrak dengan aturan situs {name}</translation>
    </message>
    <message>
        <source>Generic extraction</source>
        <translation>Ekstraksi umum</translation>
    </message>
    <message>
        <source>Feed summary only</source>
        <translation>Hanya ringkasan dari umpan</translation>
    </message>
    <message>
        <source>Article text as the feed delivered it</source>
        <translation>Teks artikel sebagaimana dikirim umpan</translation>
    </message>
    <message>
        <source>{path} ({note})</source>
        <translation>{path} ({note})</translation>
    </message>
    <message>
        <source>Showing the feed&apos;s summary of this article</source>
        <translation>Menampilkan ringkasan umpan untuk artikel ini</translation>
    </message>
    <message>
        <source>Show the full article</source>
        <translation>Tampilkan artikel utuh</translation>
    </message>
    <message>
        <source>The feed has no summary of this article: showing the full text</source>
        <translation>Umpan tidak memiliki ringkasan artikel ini: menampilkan teks utuh</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Baca Juga</translation>
    </message>
    <message>
        <source>saved offline</source>
        <translation>tersimpan luring</translation>
    </message>
    <message>
        <source>Open the original page</source>
        <translation>Buka halaman asli</translation>
    </message>
    <message>
        <source>This article has no text here. Open the original page to read it.</source>
        <translation>Artikel ini tidak memiliki teks di sini. Buka halaman asli untuk membacanya.</translation>
    </message>
    <message>
        <source>image</source>
        <translation>gambar</translation>
    </message>
    <message>
        <source>Updated {date}</source>
        <translation>Diperbarui {date}</translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation>Lihat perubahan</translation>
    </message>
    <message>
        <source>Changes since the previous version</source>
        <translation>Perubahan sejak versi sebelumnya</translation>
    </message>
    <message>
        <source>added</source>
        <translation>ditambahkan</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>dihapus</translation>
    </message>
    <message>
        <source>Back to the article</source>
        <translation>Kembali ke artikel</translation>
    </message>
    <message>
        <source>No earlier version of this article is stored.</source>
        <translation>Tidak ada versi sebelumnya dari artikel ini yang tersimpan.</translation>
    </message>
    <message>
        <source>The text is the same as in the previous version.</source>
        <translation>Teksnya sama dengan versi sebelumnya.</translation>
    </message>
</context>
<context>
    <name>CrashReports</name>
    <message>
        <source>Newsreader hit an unexpected error earlier. A report was saved: %1</source>
        <translation>Newsreader sebelumnya mengalami galat tak terduga. Laporannya disimpan: %1</translation>
    </message>
    <message>
        <source>Open Report</source>
        <translation>Buka Laporan</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Umpan</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Berbintang</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Articles</source>
        <translation>Ekspor Artikel</translation>
    </message>
    <message>
        <source>Starred articles</source>
        <translation>Artikel berbintang</translation>
    </message>
    <message numerus="yes">
        <source>Selected articles (%n)</source>
        <translation>
            <numerusform>Artikel terpilih (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>HTML (one web page)</source>
        <translation>HTML (satu halaman web)</translation>
    </message>
    <message>
        <source>Markdown (one file)</source>
        <translation>Markdown (satu berkas)</translation>
    </message>
    <message>
        <source>Markdown (one file per article, in a folder)</source>
        <translation>Markdown (satu berkas per artikel, dalam folder)</translation>
    </message>
    <message>
        <source>EPUB (e-book)</source>
        <translation>EPUB (buku elektronik)</translation>
    </message>
    <message>
        <source>PDF (for printing)</source>
        <translation>PDF (untuk dicetak)</translation>
    </message>
    <message>
        <source>JSON (data)</source>
        <translation>JSON (data)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Telusuri…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Ekspor:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Simpan ke:</translation>
    </message>
    <message>
        <source>%1 files (%2)</source>
        <translation>Berkas %1 (%2)</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Pilih tempat menyimpan hasil ekspor.</translation>
    </message>
    <message>
        <source>Replace File?</source>
        <translation>Ganti Berkas?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 sudah ada. Ganti?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ganti</translation>
    </message>
    <message>
        <source>There are no starred articles to export.</source>
        <translation>Tidak ada artikel berbintang untuk diekspor.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
    <message>
        <source>Articles of “%1”</source>
        <translation>Artikel dari “%1”</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>Semua artikel</translation>
    </message>
    <message>
        <source>Only articles published from</source>
        <translation>Hanya artikel yang terbit dari</translation>
    </message>
    <message>
        <source>to</source>
        <translation>sampai</translation>
    </message>
    <message>
        <source>%v of %m articles</source>
        <translation>%v dari %m artikel</translation>
    </message>
    <message>
        <source>The first date is after the last one.</source>
        <translation>Tanggal awal jatuh setelah tanggal akhir.</translation>
    </message>
    <message>
        <source>The folder %1 exists. Add the articles to it, replacing files of the same name?</source>
        <translation>Folder %1 sudah ada. Tambahkan artikel ke dalamnya dan ganti berkas yang bernama sama?</translation>
    </message>
    <message>
        <source>No articles match this selection.</source>
        <translation>Tidak ada artikel yang cocok dengan pilihan ini.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Ekspor dibatalkan; tidak ada yang ditulis.</translation>
    </message>
</context>
<context>
    <name>ExtractionNote</name>
    <message>
        <source>site rule %1: %2</source>
        <translation>aturan situs %1: %2</translation>
    </message>
    <message>
        <source>generic reader: %1</source>
        <translation>pembaca umum: %1</translation>
    </message>
    <message>
        <source>page could not be fetched: %1</source>
        <translation>halaman tidak dapat diambil: %1</translation>
    </message>
    <message>
        <source>title not found</source>
        <translation>judul tidak ditemukan</translation>
    </message>
    <message>
        <source>body not found</source>
        <translation>isi tidak ditemukan</translation>
    </message>
    <message>
        <source>date not found</source>
        <translation>tanggal tidak ditemukan</translation>
    </message>
    <message>
        <source>no article body found</source>
        <translation>isi artikel tidak ditemukan</translation>
    </message>
    <message>
        <source>body too short (%1 characters)</source>
        <translation>isi terlalu pendek (%1 karakter)</translation>
    </message>
    <message>
        <source>the page is empty or not HTML</source>
        <translation>halaman kosong atau bukan HTML</translation>
    </message>
    <message>
        <source>the feed has no summary</source>
        <translation>umpan tidak memiliki ringkasan</translation>
    </message>
    <message>
        <source>connection timed out after %1 s</source>
        <translation>waktu koneksi habis setelah %1 dtk</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>waktu habis setelah %1 dtk</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>host tidak ditemukan</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>koneksi ditolak</translation>
    </message>
</context>
<context>
    <name>FeedController</name>
    <message>
        <source>Updated at %1</source>
        <translation>Diperbarui pukul %1</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n feed(s) could be updated. Is the computer offline?</source>
        <translation>
            <numerusform>Tidak satu pun dari %n umpan dapat diperbarui. Apakah komputer sedang luring?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) could not be updated: %1</source>
        <translation>
            <numerusform>%n umpan tidak dapat diperbarui: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Updating failed: %1</source>
        <translation>Pembaruan gagal: %1</translation>
    </message>
    <message>
        <source>Subscribed to “%1”. Fetching its articles…</source>
        <translation>Berlangganan “%1”. Mengambil artikelnya…</translation>
    </message>
    <message>
        <source>Remove Subscription</source>
        <translation>Hapus Langganan</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>Hapus “%1”?</translation>
    </message>
    <message numerus="yes">
        <source>It has %n starred article(s). Keep them in Starred?</source>
        <translation>
            <numerusform>Ada %n artikel berbintang. Simpan di Berbintang?</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep Starred Articles</source>
        <translation>Simpan Artikel Berbintang</translation>
    </message>
    <message>
        <source>Delete All</source>
        <translation>Hapus Semua</translation>
    </message>
    <message>
        <source>Its articles will be deleted.</source>
        <translation>Artikel-artikelnya akan dihapus.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>“%1” dihapus.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1</source>
        <translation>
            <numerusform>%n artikel diekspor ke %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
</context>
<context>
    <name>FeedPropertiesDialog</name>
    <message>
        <source>Properties: %1</source>
        <translation>Properti: %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>The feed&apos;s own title</source>
        <translation>Judul dari umpan itu sendiri</translation>
    </message>
    <message>
        <source>No folder</source>
        <translation>Tanpa folder</translation>
    </message>
    <message>
        <source> min</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>Default (%1 min)</source>
        <translation>Bawaan (%1 menit)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Otomatis</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Selalu</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Tidak pernah</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Judul:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>Update every:</source>
        <translation>Perbarui setiap:</translation>
    </message>
    <message>
        <source>Full articles:</source>
        <translation>Artikel utuh:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <source>Copy the feed address</source>
        <translation>Salin alamat umpan</translation>
    </message>
    <message>
        <source>Feed address:</source>
        <translation>Alamat umpan:</translation>
    </message>
    <message>
        <source>Web site:</source>
        <translation>Situs web:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Jenis:</translation>
    </message>
    <message>
        <source>Last updated:</source>
        <translation>Terakhir diperbarui:</translation>
    </message>
    <message>
        <source>Next check:</source>
        <translation>Pemeriksaan berikutnya:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Galat terakhir:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Tidak diketahui</translation>
    </message>
    <message>
        <source>Feed (RSS or Atom)</source>
        <translation>Umpan (RSS atau Atom)</translation>
    </message>
    <message>
        <source>Index page (the site has no feed: articles are read from its links)</source>
        <translation>Halaman indeks (situs tidak punya umpan: artikel dibaca dari tautannya)</translation>
    </message>
    <message>
        <source>Not known yet (the next update finds out)</source>
        <translation>Belum diketahui (pembaruan berikutnya akan memastikannya)</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Segera</translation>
    </message>
    <message>
        <source>Downloads each article&apos;s page when the site has a rule, the subscription is an index page, or the feed carries only summaries.</source>
        <translation>Mengunduh halaman setiap artikel bila situsnya punya aturan, langganannya berupa halaman indeks, atau umpannya hanya memuat ringkasan.</translation>
    </message>
    <message>
        <source>Downloads each article&apos;s page and keeps the whole text.</source>
        <translation>Mengunduh halaman setiap artikel dan menyimpan teks utuhnya.</translation>
    </message>
    <message>
        <source>Keeps only what the feed itself carries.</source>
        <translation>Hanya menyimpan apa yang dimuat umpan itu sendiri.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Tersalin</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Tidak dapat menyimpan: %1</translation>
    </message>
    <message>
        <source>Notifications:</source>
        <translation>Notifikasi:</translation>
    </message>
    <message>
        <source>Show a notification for its new articles</source>
        <translation>Tampilkan notifikasi untuk artikel barunya</translation>
    </message>
    <message>
        <source> days</source>
        <translation> hari</translation>
    </message>
    <message>
        <source> articles</source>
        <translation> artikel</translation>
    </message>
    <message>
        <source>Keep articles for:</source>
        <translation>Simpan artikel selama:</translation>
    </message>
    <message>
        <source>Keep at most:</source>
        <translation>Simpan paling banyak:</translation>
    </message>
    <message>
        <source>Starred articles are always kept.</source>
        <translation>Artikel berbintang selalu disimpan.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>tanpa batas</translation>
    </message>
    <message>
        <source>Default (%1)</source>
        <translation>Bawaan (%1)</translation>
    </message>
</context>
<context>
    <name>FeedTreeMenu</name>
    <message>
        <source>New Folder…</source>
        <translation>Folder Baru…</translation>
    </message>
    <message>
        <source>Rename Folder…</source>
        <translation>Ganti Nama Folder…</translation>
    </message>
    <message>
        <source>Delete Folder…</source>
        <translation>Hapus Folder…</translation>
    </message>
    <message>
        <source>Move To</source>
        <translation>Pindahkan ke</translation>
    </message>
    <message>
        <source>Top Level</source>
        <translation>Tingkat Atas</translation>
    </message>
</context>
<context>
    <name>FeedTreeModel</name>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Belum dibaca</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Berbintang</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed to update</source>
        <translation>
            <numerusform>%n umpan gagal diperbarui</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unread of %2</source>
        <translation>%1 belum dibaca dari %2</translation>
    </message>
</context>
<context>
    <name>FeedTreeWidget</name>
    <message>
        <source>Refresh</source>
        <translation>Segarkan</translation>
    </message>
    <message>
        <source>Mark All as Read</source>
        <translation>Tandai Semua Sudah Dibaca</translation>
    </message>
    <message>
        <source>Remove Subscription…</source>
        <translation>Hapus Langganan…</translation>
    </message>
    <message>
        <source>Properties…</source>
        <translation>Properti…</translation>
    </message>
</context>
<context>
    <name>FilterBarWidget</name>
    <message>
        <source>Show:</source>
        <translation>Tampilkan:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>Show every article</source>
        <translation>Tampilkan semua artikel</translation>
    </message>
    <message>
        <source>Unread only</source>
        <translation>Belum dibaca saja</translation>
    </message>
    <message>
        <source>Show only the articles not read yet</source>
        <translation>Tampilkan hanya artikel yang belum dibaca</translation>
    </message>
    <message>
        <source>Starred only</source>
        <translation>Berbintang saja</translation>
    </message>
    <message>
        <source>Show only the starred articles</source>
        <translation>Tampilkan hanya artikel berbintang</translation>
    </message>
    <message>
        <source>Article filter</source>
        <translation>Saringan artikel</translation>
    </message>
</context>
<context>
    <name>FolderController</name>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Could not change the folders: %1</source>
        <translation>Folder tidak dapat diubah: %1</translation>
    </message>
    <message>
        <source>Delete Folder</source>
        <translation>Hapus Folder</translation>
    </message>
    <message>
        <source>Delete the folder “%1”?</source>
        <translation>Hapus folder “%1”?</translation>
    </message>
    <message>
        <source>Deleted the folder “%1”.</source>
        <translation>Folder “%1” telah dihapus.</translation>
    </message>
    <message numerus="yes">
        <source>Its %n subscription(s) will move to the top level; none is removed.</source>
        <translation>
            <numerusform>%n langganan di dalamnya akan pindah ke tingkat atas; tidak ada yang dihapus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation>Nama folder baru:</translation>
    </message>
    <message>
        <source>New &amp;Folder…</source>
        <translation>&amp;Folder Baru…</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Folder Baru</translation>
    </message>
    <message>
        <source>New name of the folder:</source>
        <translation>Nama baru folder:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Rename Folder</source>
        <translation>Ganti Nama Folder</translation>
    </message>
    <message>
        <source>There is already a folder “%1”.</source>
        <translation>Folder “%1” sudah ada.</translation>
    </message>
</context>
<context>
    <name>KeyboardControls</name>
    <message>
        <source>Ne&amp;xt Article</source>
        <translation>Artikel &amp;Berikutnya</translation>
    </message>
    <message>
        <source>Pre&amp;vious Article</source>
        <translation>Artikel Se&amp;belumnya</translation>
    </message>
    <message>
        <source>Read On</source>
        <translation>Lanjut Membaca</translation>
    </message>
    <message>
        <source>&amp;Subscriptions</source>
        <translation>&amp;Langganan</translation>
    </message>
    <message>
        <source>&amp;Article List</source>
        <translation>Daftar &amp;Artikel</translation>
    </message>
    <message>
        <source>Article &amp;Text</source>
        <translation>&amp;Teks Artikel</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>&amp;Pintasan Papan Ketik…</translation>
    </message>
    <message>
        <source>Next article</source>
        <translation>Artikel berikutnya</translation>
    </message>
    <message>
        <source>Previous article</source>
        <translation>Artikel sebelumnya</translation>
    </message>
    <message>
        <source>Next unread article</source>
        <translation>Artikel belum dibaca berikutnya</translation>
    </message>
    <message>
        <source>Scroll the article, then next unread</source>
        <translation>Gulir, lalu ke yang belum dibaca</translation>
    </message>
    <message>
        <source>Mark as read or unread</source>
        <translation>Tandai sudah atau belum dibaca</translation>
    </message>
    <message>
        <source>Star or unstar</source>
        <translation>Beri atau hapus bintang</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Buka di peramban</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Salin tautan</translation>
    </message>
    <message>
        <source>Back to the previous article</source>
        <translation>Kembali ke artikel sebelumnya</translation>
    </message>
    <message>
        <source>Mark all as read</source>
        <translation>Tandai semua sudah dibaca</translation>
    </message>
    <message>
        <source>Undo mark all as read</source>
        <translation>Urungkan tandai semua sudah dibaca</translation>
    </message>
    <message>
        <source>Refresh all feeds</source>
        <translation>Segarkan semua umpan</translation>
    </message>
    <message>
        <source>Refresh the selected feed</source>
        <translation>Segarkan umpan terpilih</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Leave the search results</source>
        <translation>Tinggalkan hasil pencarian</translation>
    </message>
    <message>
        <source>Go to the subscriptions</source>
        <translation>Pindah ke daftar langganan</translation>
    </message>
    <message>
        <source>Go to the article list</source>
        <translation>Pindah ke daftar artikel</translation>
    </message>
    <message>
        <source>Go to the article text</source>
        <translation>Pindah ke teks artikel</translation>
    </message>
    <message>
        <source>Add a subscription</source>
        <translation>Tambah langganan</translation>
    </message>
    <message>
        <source>Subscription properties</source>
        <translation>Properti langganan</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Teks lebih besar</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Teks lebih kecil</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>Ukuran teks normal</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan papan ketik</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>&amp;Go To</source>
        <translation>&amp;Pindah ke</translation>
    </message>
</context>
<context>
    <name>LinkRequests</name>
    <message>
        <source>Import Subscriptions</source>
        <translation>Impor Langganan</translation>
    </message>
    <message>
        <source>Import the subscriptions in “%1”?</source>
        <translation>Impor langganan dari “%1”?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2</source>
        <translation>“%1” tidak dapat dibuka: %2</translation>
    </message>
    <message>
        <source>This file has no web address to subscribe to: %1</source>
        <translation>Berkas ini tidak punya alamat web untuk berlangganan: %1</translation>
    </message>
    <message>
        <source>“%1” is neither a feed nor a list of subscriptions.</source>
        <translation>“%1” bukan umpan dan bukan daftar langganan.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Newsreader</source>
        <translation>Newsreader</translation>
    </message>
    <message numerus="yes">
        <source>%n unread — Newsreader</source>
        <translation>
            <numerusform>%n belum dibaca — Newsreader</numerusform>
        </translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Bilah Alat</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>Pustaka tidak dapat dibaca: %1</translation>
    </message>
</context>
<context>
    <name>MarkAllReadController</name>
    <message>
        <source>&amp;Undo Mark All as Read</source>
        <translation>&amp;Urungkan Tandai Semua Sudah Dibaca</translation>
    </message>
    <message>
        <source>No unread articles here.</source>
        <translation>Tidak ada artikel yang belum dibaca di sini.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) marked read</source>
        <translation>
            <numerusform>%n artikel ditandai sudah dibaca</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) marked unread again</source>
        <translation>
            <numerusform>%n artikel ditandai belum dibaca lagi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBarWidget</name>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>No more unread articles.</source>
        <translation>Tidak ada lagi artikel yang belum dibaca.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>%n new article(s) in %1</source>
        <translation>
            <numerusform>%n artikel baru di %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) in %1 feeds</source>
        <translation>
            <numerusform>%n artikel baru di %1 feed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpmlActions</name>
    <message>
        <source>&amp;Import Subscriptions…</source>
        <translation>&amp;Impor Langganan…</translation>
    </message>
    <message>
        <source>Export Su&amp;bscriptions…</source>
        <translation>Ekspor &amp;Daftar Langganan…</translation>
    </message>
    <message>
        <source>Import from &amp;QuiteRSS or RSS Guard…</source>
        <translation>Impor dari &amp;QuiteRSS atau RSS Guard…</translation>
    </message>
    <message>
        <source>Export Subscriptions</source>
        <translation>Ekspor Daftar Langganan</translation>
    </message>
    <message>
        <source>OPML files (*.opml *.xml)</source>
        <translation>Berkas OPML (*.opml *.xml)</translation>
    </message>
    <message>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation>Berkas OPML (*.opml *.xml);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Import Subscriptions</source>
        <translation>Impor Langganan</translation>
    </message>
    <message>
        <source>QuiteRSS or RSS Guard database (feeds.db database.db *.db);;All files (*)</source>
        <translation>Basis data QuiteRSS atau RSS Guard (feeds.db database.db *.db);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Import from QuiteRSS or RSS Guard</source>
        <translation>Impor dari QuiteRSS atau RSS Guard</translation>
    </message>
    <message>
        <source>Subscriptions imported: %1 added, %2 already there.</source>
        <translation>Langganan diimpor: %1 ditambahkan, %2 sudah ada.</translation>
    </message>
    <message>
        <source>Articles imported: %1.</source>
        <translation>Artikel diimpor: %1.</translation>
    </message>
    <message>
        <source>Nothing could be imported: %1</source>
        <translation>Tidak ada yang dapat diimpor: %1</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Tidak diimpor: %1</translation>
    </message>
    <message>
        <source>Subscriptions exported to %1</source>
        <translation>Daftar langganan diekspor ke %1</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Buka Folder</translation>
    </message>
    <message>
        <source>Working on the subscriptions…</source>
        <translation>Sedang mengolah langganan…</translation>
    </message>
</context>
<context>
    <name>QKeySequenceEdit</name>
    <message>
        <source>Press shortcut</source>
        <translation>Tekan pintasan</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
</context>
<context>
    <name>ReadingControls</name>
    <message>
        <source>Show Feed &amp;Summary</source>
        <translation>Tampilkan &amp;Ringkasan Umpan</translation>
    </message>
    <message>
        <source>Show the feed&apos;s summary instead of the full article (kept for this feed)</source>
        <translation>Tampilkan ringkasan dari umpan, bukan artikel utuh (diingat untuk umpan ini)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Per&amp;besar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Per&amp;kecil</translation>
    </message>
    <message>
        <source>&amp;Normal Size</source>
        <translation>Ukuran &amp;Normal</translation>
    </message>
    <message>
        <source>Show &amp;Changes</source>
        <translation>Lihat Pe&amp;rubahan</translation>
    </message>
    <message>
        <source>What changed since the previous version</source>
        <translation>Apa yang berubah sejak versi sebelumnya</translation>
    </message>
    <message>
        <source>&amp;Narrow</source>
        <translation>&amp;Sempit</translation>
    </message>
    <message>
        <source>&amp;Medium</source>
        <translation>Se&amp;dang</translation>
    </message>
    <message>
        <source>&amp;Wide</source>
        <translation>&amp;Lebar</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Terang</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Gelap</translation>
    </message>
    <message>
        <source>&amp;Sepia</source>
        <translation>Se&amp;pia</translation>
    </message>
    <message>
        <source>Reading &amp;Width</source>
        <translation>&amp;Lebar Bacaan</translation>
    </message>
    <message>
        <source>Article &amp;Theme</source>
        <translation>T&amp;ema Artikel</translation>
    </message>
    <message>
        <source>Could not read the earlier version: %1</source>
        <translation>Versi sebelumnya tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Could not keep the summary choice: %1</source>
        <translation>Pilihan ringkasan tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <source>Could not keep the summary choices: %1</source>
        <translation>Pilihan-pilihan ringkasan tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <source>&amp;Follow the Application</source>
        <translation>&amp;Ikuti Aplikasi</translation>
    </message>
</context>
<context>
    <name>RefreshStatusWidget</name>
    <message>
        <source>Stop updating</source>
        <translation>Hentikan pembaruan</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Memperbarui…</translation>
    </message>
    <message>
        <source>Downloading articles %1/%2</source>
        <translation>Mengunduh artikel %1/%2</translation>
    </message>
    <message>
        <source>Updating %1/%2</source>
        <translation>Memperbarui %1/%2</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Menghentikan…</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search articles (/)</source>
        <translation>Cari artikel (/)</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>Cari artikel</translation>
    </message>
    <message>
        <source>Words to find in titles and article text; Enter searches, Escape leaves</source>
        <translation>Kata yang dicari dalam judul dan teks artikel; Enter mencari, Escape keluar</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Cari…</translation>
    </message>
    <message>
        <source>&amp;Save Search…</source>
        <translation>&amp;Simpan Pencarian…</translation>
    </message>
    <message>
        <source>Keep this search as a view in the list of feeds</source>
        <translation>Simpan pencarian ini sebagai tampilan di daftar umpan</translation>
    </message>
    <message>
        <source>&amp;Leave Search</source>
        <translation>&amp;Tinggalkan Pencarian</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Mencari…</translation>
    </message>
    <message>
        <source>No articles found for “%1”.</source>
        <translation>Tidak ada artikel untuk “%1”.</translation>
    </message>
    <message>
        <source>Could not search: %1</source>
        <translation>Tidak dapat mencari: %1</translation>
    </message>
    <message>
        <source>Could not read the saved searches: %1</source>
        <translation>Tidak dapat membaca pencarian tersimpan: %1</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Hasil pencarian</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>Simpan Pencarian</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>Nama tampilan:</translation>
    </message>
    <message>
        <source>Saved the search as “%1”.</source>
        <translation>Pencarian disimpan sebagai “%1”.</translation>
    </message>
    <message>
        <source>Rename Saved Search</source>
        <translation>Ganti Nama Pencarian Tersimpan</translation>
    </message>
    <message>
        <source>Delete Saved Search</source>
        <translation>Hapus Pencarian Tersimpan</translation>
    </message>
    <message>
        <source>Delete the saved search “%1”? No article is deleted.</source>
        <translation>Hapus pencarian tersimpan “%1”? Tidak ada artikel yang dihapus.</translation>
    </message>
    <message>
        <source>Mark All as Read</source>
        <translation>Tandai Semua Sudah Dibaca</translation>
    </message>
    <message>
        <source>Leave Search</source>
        <translation>Tinggalkan Pencarian</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Ganti Nama…</translation>
    </message>
    <message>
        <source>Delete Saved Search…</source>
        <translation>Hapus Pencarian Tersimpan…</translation>
    </message>
</context>
<context>
    <name>SettingsActions</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Pengaturan disimpan.</translation>
    </message>
    <message>
        <source>The new language shows when Newsreader starts again.</source>
        <translation>Bahasa baru tampil saat Newsreader dijalankan lagi.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source> articles</source>
        <translation> artikel</translation>
    </message>
    <message>
        <source> days</source>
        <translation> hari</translation>
    </message>
    <message>
        <source> min</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>A new language shows after Newsreader is restarted.</source>
        <translation>Bahasa baru tampil setelah Newsreader dijalankan ulang.</translation>
    </message>
    <message>
        <source>A subscription may have its own interval (its Properties).</source>
        <translation>Sebuah langganan boleh punya selang waktunya sendiri (di Propertinya).</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Tampilan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Choose the subscriptions to be notified about in their Properties.</source>
        <translation>Pilih langganan yang diberi notifikasi di Properti masing-masing.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Tidak dapat menyimpan: %1</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <source>Delete articles older than:</source>
        <translation>Hapus artikel yang lebih lama dari:</translation>
    </message>
    <message>
        <source>Enter the proxy&apos;s host name or address.</source>
        <translation>Masukkan nama host atau alamat proksi.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>Proksi HTTP</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Image cache size:</source>
        <translation>Ukuran cache gambar:</translation>
    </message>
    <message>
        <source>Keep forever</source>
        <translation>Simpan selamanya</translation>
    </message>
    <message>
        <source>Keep per subscription at most:</source>
        <translation>Simpan per langganan paling banyak:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Bahasa:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <source>Minimise to the system tray</source>
        <translation>Minimalkan ke baki sistem</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Jaringan</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Tanpa batas</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Tanpa proksi</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Past this size the pictures read longest ago are removed; those of starred articles stay.</source>
        <translation>Melewati ukuran ini, gambar yang paling lama tidak dibaca dihapus; gambar artikel berbintang tetap disimpan.</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>Proksi:</translation>
    </message>
    <message>
        <source>SOCKS5 proxy</source>
        <translation>Proksi SOCKS5</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Show a notification when new articles arrive</source>
        <translation>Tampilkan notifikasi saat artikel baru masuk</translation>
    </message>
    <message>
        <source>Starred articles are never removed.</source>
        <translation>Artikel berbintang tidak pernah dihapus.</translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation>Mulai dalam keadaan diminimalkan</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Penyimpanan</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Bahasa sistem</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Tema:</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>Desktop ini tidak memiliki baki sistem.</translation>
    </message>
    <message>
        <source>Update feeds every:</source>
        <translation>Perbarui feed setiap:</translation>
    </message>
    <message>
        <source>Use the system settings</source>
        <translation>Gunakan pengaturan sistem</translation>
    </message>
    <message>
        <source>“%1” is not a host name or address.</source>
        <translation>“%1” bukan nama host atau alamat.</translation>
    </message>
    <message>
        <source>Notifications:</source>
        <translation>Notifikasi:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Jendela:</translation>
    </message>
    <message>
        <source>Start when I log in</source>
        <translation>Jalankan saat saya masuk</translation>
    </message>
    <message>
        <source>Could not change the start at login: %1</source>
        <translation>Tidak dapat mengubah pengaturan jalankan saat masuk: %1</translation>
    </message>
</context>
<context>
    <name>ShareActions</name>
    <message>
        <source>Copy as &amp;Text</source>
        <translation>Salin sebagai &amp;Teks</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>Salin sebagai Markdo&amp;wn</translation>
    </message>
    <message>
        <source>&amp;Email Link…</source>
        <translation>Kirim Tautan lewat S&amp;urel…</translation>
    </message>
    <message>
        <source>Copied “%1”.</source>
        <translation>“%1” disalin.</translation>
    </message>
    <message>
        <source>No mail program is set up to send the link.</source>
        <translation>Belum ada program surel untuk mengirim tautan.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Pintasan Papan Ketik</translation>
    </message>
    <message>
        <source>Click a shortcut and press the new key to change it. The clear button removes it.</source>
        <translation>Klik sebuah pintasan lalu tekan tombol baru untuk mengubahnya. Tombol hapus menghilangkannya.</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Perintah</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Pintasan</translation>
    </message>
    <message>
        <source>Alternative</source>
        <translation>Alternatif</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan papan ketik</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Kembalikan Bawaan</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Shortcut for %1</source>
        <translation>Pintasan untuk %1</translation>
    </message>
    <message>
        <source>Alternative for %1</source>
        <translation>Alternatif untuk %1</translation>
    </message>
    <message>
        <source>%1 is used by both “%2” and “%3”.</source>
        <translation>%1 dipakai oleh “%2” dan juga “%3”.</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Newsreader</source>
        <translation>Newsreader</translation>
    </message>
    <message numerus="yes">
        <source>Newsreader: %n unread article(s)</source>
        <translation>
            <numerusform>Newsreader: %n artikel belum dibaca</numerusform>
        </translation>
    </message>
    <message>
        <source>Newsreader: no unread articles</source>
        <translation>Newsreader: tidak ada artikel yang belum dibaca</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Refresh All Feeds</source>
        <translation>Segarkan Semua Feed</translation>
    </message>
    <message>
        <source>Show Newsreader</source>
        <translation>Tampilkan Newsreader</translation>
    </message>
</context>
<context>
    <name>UndoBarWidget</name>
    <message>
        <source>Undo</source>
        <translation>Urungkan</translation>
    </message>
    <message>
        <source>Undo mark all as read</source>
        <translation>Urungkan tandai semua sudah dibaca</translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <source>Cannot open the library: %1</source>
        <translation>Pustaka tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>Updating the library for this version of Newsreader. A backup copy is made first; for a large library this takes a little while.</source>
        <translation>Pustaka sedang diperbarui untuk versi Newsreader ini. Salinan cadangan dibuat lebih dulu; untuk pustaka yang besar, ini memakan waktu sebentar.</translation>
    </message>
    <message>
        <source>Newsreader hit an unexpected error.</source>
        <translation>Newsreader mengalami galat tak terduga.</translation>
    </message>
    <message>
        <source>Your articles are safe. The details are in the log; please report them.</source>
        <translation>Artikel Anda aman. Rinciannya ada di log; mohon laporkan.</translation>
    </message>
    <message>
        <source>Newsreader is open with this library already, but does not respond. Close it, then try again.</source>
        <translation>Newsreader sudah terbuka dengan pustaka ini, tetapi tidak merespons. Tutup, lalu coba lagi.</translation>
    </message>
</context>
</TS>
