"""Agreement documents are stored under the extension of the type their content was accepted as.

The field's class does the naming when a file is saved; the column is unchanged, so this touches the migration
state only (as an AlterField, SQLite would rebuild the table for nothing). Files stored before keep their name: the
download serves any extension but the accepted ones as application/octet-stream, so they still download.
"""

from django.db import migrations

import agreements.models
import agreements.uploads


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_projects_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agreementdocument",
                    name="file",
                    field=agreements.uploads.DocumentFileField(
                        help_text="PDF, DOCX, ODT, JPEG hoặc PNG, tối đa 20 MB.",
                        max_length=500,
                        upload_to=agreements.models.document_upload_path,
                        validators=[agreements.uploads.validate_document],
                        verbose_name="tệp",
                    ),
                ),
            ]
        ),
    ]
