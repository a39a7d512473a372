"""An agreement's commitments (AgreementObligation): what each side undertook, who answers for it, by when, its
status and the evidence that it was met; with their history."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0007_related_search_text'),
        ('partners', '0005_related_search_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AgreementObligation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                ('last_updated', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('side', models.CharField(choices=[('hue', 'Phía Huế'), ('partner', 'Phía đối tác')], default='hue', help_text='Bên nào đã nhận thực hiện việc này theo thỏa thuận.', max_length=16, verbose_name='bên cam kết')),
                ('commitment', models.TextField(help_text='Việc một bên nhận thực hiện, ghi như văn bản thỏa thuận nêu.', verbose_name='nội dung cam kết')),
                ('due_on', models.DateField(blank=True, db_index=True, help_text='Để trống nếu thỏa thuận không nêu thời hạn.', null=True, verbose_name='hạn')),
                ('status', models.CharField(choices=[('open', 'Đang thực hiện'), ('done', 'Đã hoàn thành'), ('cancelled', 'Đã hủy')], default='open', max_length=16, verbose_name='trạng thái')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                ('evidence', models.TextField(blank=True, help_text='Điều cho thấy cam kết đã được thực hiện: số, ngày văn bản; chuyến thăm; biên bản; kết quả.', verbose_name='minh chứng')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='obligations', to='agreements.agreement', verbose_name='thỏa thuận')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                ('owner', models.ForeignKey(blank=True, help_text='Nhận thư nhắc việc hằng ngày khi hạn đến gần hoặc đã quá, nếu thư điện tử của người này trùng với thư điện tử của một tài khoản.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='obligations', to='partners.person', verbose_name='người phụ trách')),
                ('owner_unit', models.ForeignKey(blank=True, help_text='Đơn vị phía Huế chịu trách nhiệm thực hiện.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='obligations', to='partners.hueunit', verbose_name='đơn vị phụ trách')),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
            ],
            options={
                'verbose_name': 'cam kết',
                'verbose_name_plural': 'cam kết',
                'ordering': ['agreement', 'due_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAgreementObligation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                ('last_updated', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('side', models.CharField(choices=[('hue', 'Phía Huế'), ('partner', 'Phía đối tác')], default='hue', help_text='Bên nào đã nhận thực hiện việc này theo thỏa thuận.', max_length=16, verbose_name='bên cam kết')),
                ('commitment', models.TextField(help_text='Việc một bên nhận thực hiện, ghi như văn bản thỏa thuận nêu.', verbose_name='nội dung cam kết')),
                ('due_on', models.DateField(blank=True, db_index=True, help_text='Để trống nếu thỏa thuận không nêu thời hạn.', null=True, verbose_name='hạn')),
                ('status', models.CharField(choices=[('open', 'Đang thực hiện'), ('done', 'Đã hoàn thành'), ('cancelled', 'Đã hủy')], default='open', max_length=16, verbose_name='trạng thái')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                ('evidence', models.TextField(blank=True, help_text='Điều cho thấy cam kết đã được thực hiện: số, ngày văn bản; chuyến thăm; biên bản; kết quả.', verbose_name='minh chứng')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='thỏa thuận')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, help_text='Nhận thư nhắc việc hằng ngày khi hạn đến gần hoặc đã quá, nếu thư điện tử của người này trùng với thư điện tử của một tài khoản.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.person', verbose_name='người phụ trách')),
                ('owner_unit', models.ForeignKey(blank=True, db_constraint=False, help_text='Đơn vị phía Huế chịu trách nhiệm thực hiện.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.hueunit', verbose_name='đơn vị phụ trách')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
            ],
            options={
                'verbose_name': 'historical cam kết',
                'verbose_name_plural': 'historical cam kết',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
