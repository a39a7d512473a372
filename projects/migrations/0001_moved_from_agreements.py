"""Projects and reported figures move from the agreements app to this one, every row and history row kept.

The state gets the four models (Project, ReportedFigure and their history); the database keeps its rows and only
renames the five tables (the two, their histories, and the projects' fields of cooperation) and moves the content
types, so permissions, the roles that hold them and the admin's log keep pointing at the same records.
agreements 0005 removed the models from that app's state without touching the database.
"""

import django.db.models.deletion
import foreignaffairs.partial_dates
import projects.currencies
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# (old table, new table) in the order the rename goes; the link table refers to the projects table.
TABLES = [
    ("agreements_project", "projects_project"),
    ("agreements_project_fields", "projects_project_fields"),
    ("agreements_historicalproject", "projects_historicalproject"),
    ("agreements_reportedfigure", "projects_reportedfigure"),
    ("agreements_historicalreportedfigure", "projects_historicalreportedfigure"),
]
MODELS = ["project", "historicalproject", "reportedfigure", "historicalreportedfigure"]


def _move(apps, schema_editor, renames, from_app: str, to_app: str) -> None:
    for old, new in renames:
        # No model is needed to rename a table; the models are in neither state while the tables move.
        schema_editor.alter_db_table(None, old, new)
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(app_label=from_app, model__in=MODELS).update(
        app_label=to_app
    )


def move_tables(apps, schema_editor):
    _move(apps, schema_editor, TABLES, "agreements", "projects")


def move_tables_back(apps, schema_editor):
    _move(apps, schema_editor, [(new, old) for old, new in reversed(TABLES)], "projects", "agreements")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ('agreements', '0005_projects_moved_out'),
        ('partners', '0004_country_search_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalProject',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                        ('last_updated', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                        ('kind', models.CharField(choices=[('oda_grant', 'ODA không hoàn lại'), ('oda_loan', 'ODA vốn vay'), ('fdi', 'Đầu tư trực tiếp nước ngoài (FDI)'), ('ngo_aid', 'Viện trợ phi chính phủ'), ('volunteer', 'Chương trình tình nguyện viên'), ('technology_transfer', 'Chuyển giao công nghệ')], max_length=24, verbose_name='loại dự án')),
                        ('title_vi', models.CharField(max_length=500, verbose_name='tên tiếng Việt')),
                        ('title_en', models.CharField(blank=True, max_length=500, verbose_name='tên tiếng Anh')),
                        ('status', models.CharField(choices=[('proposed', 'Đề xuất'), ('approved', 'Đã phê duyệt / cấp phép'), ('in_progress', 'Đang triển khai'), ('completed', 'Đã hoàn thành'), ('cancelled', 'Đã hủy')], default='proposed', max_length=16, verbose_name='trạng thái')),
                        ('location', models.CharField(blank=True, help_text='Nơi thực hiện dự án, ví dụ: A Lưới.', max_length=255, verbose_name='địa điểm tại Huế')),
                        ('starts_on', foreignaffairs.partial_dates.PartialDateField(blank=True, db_index=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='bắt đầu')),
                        ('ends_on', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='kết thúc')),
                        ('committed_amount', models.DecimalField(blank=True, decimal_places=2, help_text='Đúng như nguồn nêu, không quy đổi; để trống nếu chưa rõ.', max_digits=20, null=True, validators=[projects.currencies.validate_not_negative], verbose_name='vốn cam kết / đăng ký')),
                        ('committed_currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217: USD, VND, KRW, JPY, EUR, …', verbose_name='tiền tệ của vốn cam kết')),
                        ('disbursed_amount', models.DecimalField(blank=True, decimal_places=2, help_text='Đúng như nguồn nêu, không quy đổi; để trống nếu chưa rõ.', max_digits=20, null=True, validators=[projects.currencies.validate_not_negative], verbose_name='vốn đã giải ngân')),
                        ('disbursed_currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217: USD, VND, KRW, JPY, EUR, …', verbose_name='tiền tệ của vốn giải ngân')),
                        ('summary', models.TextField(blank=True, verbose_name='nội dung chính')),
                        ('notes', models.TextField(blank=True, help_text='Nguồn thông tin, điều còn chưa rõ, …', verbose_name='ghi chú')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agreement', models.ForeignKey(blank=True, db_constraint=False, help_text='Thỏa thuận hợp tác mà dự án thực hiện theo, nếu có.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='theo thỏa thuận')),
                        ('channel', models.ForeignKey(blank=True, db_constraint=False, help_text='Cơ quan mà qua đó dự án được tài trợ, ví dụ: KOICA; có thể trùng với nhà tài trợ.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.partner', verbose_name='kênh tài trợ')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('hue_unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.hueunit', verbose_name='đơn vị phụ trách phía Huế')),
                        ('partner', models.ForeignKey(blank=True, db_constraint=False, help_text='Đối tác tài trợ hoặc đầu tư; để trống nếu nguồn không nêu.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.partner', verbose_name='nhà tài trợ / nhà đầu tư')),
                        ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'historical dự án hợp tác',
                        'verbose_name_plural': 'historical dự án hợp tác',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalReportedFigure',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                        ('last_updated', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                        ('subject', models.CharField(help_text='Điều được đếm hoặc tính tiền, ví dụ: Dự án FDI của Hàn Quốc tại TP. Huế.', max_length=500, verbose_name='nội dung thống kê')),
                        ('value', models.DecimalField(decimal_places=2, max_digits=20, validators=[projects.currencies.validate_not_negative], verbose_name='giá trị')),
                        ('unit', models.CharField(choices=[('projects', 'Số dự án'), ('money', 'Số tiền')], max_length=16, verbose_name='đơn vị')),
                        ('currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217, chỉ khi đơn vị là số tiền.', verbose_name='tiền tệ')),
                        ('is_lower_bound', models.BooleanField(default=False, help_text='Nguồn viết “hơn …”: giá trị là mức tối thiểu, không phải con số chính xác.', verbose_name='“hơn”')),
                        ('equivalent_value', models.DecimalField(blank=True, decimal_places=2, help_text='Chỉ khi chính nguồn nêu số tiền tương đương, ví dụ: 39 triệu USD ≈ 981 tỷ đồng. Không tự quy đổi.', max_digits=20, null=True, validators=[projects.currencies.validate_not_negative], verbose_name='giá trị tương đương')),
                        ('equivalent_currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217 của giá trị tương đương.', verbose_name='tiền tệ tương đương')),
                        ('period_start', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='kỳ từ')),
                        ('period_end', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='kỳ đến')),
                        ('as_of', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='Thời điểm của số liệu khi nguồn không nêu một kỳ; để trống nếu chưa rõ.', verbose_name='tính đến')),
                        ('source_title', models.CharField(help_text='Tên bài viết, báo cáo; nếu nguồn không có tên, mô tả ngắn gọn.', max_length=500, verbose_name='nguồn')),
                        ('source_date', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='ngày của nguồn')),
                        ('source_published_in', models.CharField(blank=True, help_text='Báo, trang tin, văn bản đã đăng nguồn này.', max_length=255, verbose_name='nơi đăng')),
                        ('source_url', models.URLField(blank=True, max_length=500, verbose_name='đường dẫn nguồn')),
                        ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('country', models.ForeignKey(blank=True, db_constraint=False, help_text='Quốc gia mà số liệu nói đến, ví dụ: Hàn Quốc; để trống nếu là số liệu chung.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.country', verbose_name='quốc gia')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.partner', verbose_name='đối tác')),
                        ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'historical số liệu theo nguồn',
                        'verbose_name_plural': 'historical số liệu theo nguồn',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Project',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('last_updated', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('search_text', models.TextField(default='', editable=False)),
                        ('kind', models.CharField(choices=[('oda_grant', 'ODA không hoàn lại'), ('oda_loan', 'ODA vốn vay'), ('fdi', 'Đầu tư trực tiếp nước ngoài (FDI)'), ('ngo_aid', 'Viện trợ phi chính phủ'), ('volunteer', 'Chương trình tình nguyện viên'), ('technology_transfer', 'Chuyển giao công nghệ')], max_length=24, verbose_name='loại dự án')),
                        ('title_vi', models.CharField(max_length=500, verbose_name='tên tiếng Việt')),
                        ('title_en', models.CharField(blank=True, max_length=500, verbose_name='tên tiếng Anh')),
                        ('status', models.CharField(choices=[('proposed', 'Đề xuất'), ('approved', 'Đã phê duyệt / cấp phép'), ('in_progress', 'Đang triển khai'), ('completed', 'Đã hoàn thành'), ('cancelled', 'Đã hủy')], default='proposed', max_length=16, verbose_name='trạng thái')),
                        ('location', models.CharField(blank=True, help_text='Nơi thực hiện dự án, ví dụ: A Lưới.', max_length=255, verbose_name='địa điểm tại Huế')),
                        ('starts_on', foreignaffairs.partial_dates.PartialDateField(blank=True, db_index=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='bắt đầu')),
                        ('ends_on', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='kết thúc')),
                        ('committed_amount', models.DecimalField(blank=True, decimal_places=2, help_text='Đúng như nguồn nêu, không quy đổi; để trống nếu chưa rõ.', max_digits=20, null=True, validators=[projects.currencies.validate_not_negative], verbose_name='vốn cam kết / đăng ký')),
                        ('committed_currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217: USD, VND, KRW, JPY, EUR, …', verbose_name='tiền tệ của vốn cam kết')),
                        ('disbursed_amount', models.DecimalField(blank=True, decimal_places=2, help_text='Đúng như nguồn nêu, không quy đổi; để trống nếu chưa rõ.', max_digits=20, null=True, validators=[projects.currencies.validate_not_negative], verbose_name='vốn đã giải ngân')),
                        ('disbursed_currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217: USD, VND, KRW, JPY, EUR, …', verbose_name='tiền tệ của vốn giải ngân')),
                        ('summary', models.TextField(blank=True, verbose_name='nội dung chính')),
                        ('notes', models.TextField(blank=True, help_text='Nguồn thông tin, điều còn chưa rõ, …', verbose_name='ghi chú')),
                        ('agreement', models.ForeignKey(blank=True, help_text='Thỏa thuận hợp tác mà dự án thực hiện theo, nếu có.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='agreements.agreement', verbose_name='theo thỏa thuận')),
                        ('channel', models.ForeignKey(blank=True, help_text='Cơ quan mà qua đó dự án được tài trợ, ví dụ: KOICA; có thể trùng với nhà tài trợ.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='channelled_projects', to='partners.partner', verbose_name='kênh tài trợ')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('fields', models.ManyToManyField(blank=True, related_name='projects', to='partners.fieldofcooperation', verbose_name='lĩnh vực hợp tác')),
                        ('hue_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='partners.hueunit', verbose_name='đơn vị phụ trách phía Huế')),
                        ('partner', models.ForeignKey(blank=True, help_text='Đối tác tài trợ hoặc đầu tư; để trống nếu nguồn không nêu.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='funded_projects', to='partners.partner', verbose_name='nhà tài trợ / nhà đầu tư')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'dự án hợp tác',
                        'verbose_name_plural': 'dự án hợp tác',
                        'ordering': ['-starts_on', 'title_vi'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportedFigure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('last_updated', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('search_text', models.TextField(default='', editable=False)),
                        ('subject', models.CharField(help_text='Điều được đếm hoặc tính tiền, ví dụ: Dự án FDI của Hàn Quốc tại TP. Huế.', max_length=500, verbose_name='nội dung thống kê')),
                        ('value', models.DecimalField(decimal_places=2, max_digits=20, validators=[projects.currencies.validate_not_negative], verbose_name='giá trị')),
                        ('unit', models.CharField(choices=[('projects', 'Số dự án'), ('money', 'Số tiền')], max_length=16, verbose_name='đơn vị')),
                        ('currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217, chỉ khi đơn vị là số tiền.', verbose_name='tiền tệ')),
                        ('is_lower_bound', models.BooleanField(default=False, help_text='Nguồn viết “hơn …”: giá trị là mức tối thiểu, không phải con số chính xác.', verbose_name='“hơn”')),
                        ('equivalent_value', models.DecimalField(blank=True, decimal_places=2, help_text='Chỉ khi chính nguồn nêu số tiền tương đương, ví dụ: 39 triệu USD ≈ 981 tỷ đồng. Không tự quy đổi.', max_digits=20, null=True, validators=[projects.currencies.validate_not_negative], verbose_name='giá trị tương đương')),
                        ('equivalent_currency', projects.currencies.CurrencyField(blank=True, default='', help_text='Mã ISO 4217 của giá trị tương đương.', verbose_name='tiền tệ tương đương')),
                        ('period_start', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='kỳ từ')),
                        ('period_end', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='kỳ đến')),
                        ('as_of', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='Thời điểm của số liệu khi nguồn không nêu một kỳ; để trống nếu chưa rõ.', verbose_name='tính đến')),
                        ('source_title', models.CharField(help_text='Tên bài viết, báo cáo; nếu nguồn không có tên, mô tả ngắn gọn.', max_length=500, verbose_name='nguồn')),
                        ('source_date', foreignaffairs.partial_dates.PartialDateField(blank=True, default='', help_text='dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.', verbose_name='ngày của nguồn')),
                        ('source_published_in', models.CharField(blank=True, help_text='Báo, trang tin, văn bản đã đăng nguồn này.', max_length=255, verbose_name='nơi đăng')),
                        ('source_url', models.URLField(blank=True, max_length=500, verbose_name='đường dẫn nguồn')),
                        ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('country', models.ForeignKey(blank=True, help_text='Quốc gia mà số liệu nói đến, ví dụ: Hàn Quốc; để trống nếu là số liệu chung.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reported_figures', to='partners.country', verbose_name='quốc gia')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('partner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reported_figures', to='partners.partner', verbose_name='đối tác')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'số liệu theo nguồn',
                        'verbose_name_plural': 'số liệu theo nguồn',
                        'ordering': ['-source_date', 'subject'],
                    },
                ),
            ],
            database_operations=[migrations.RunPython(move_tables, move_tables_back)],
        ),
    ]
