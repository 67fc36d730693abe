import os, django, time
os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; os.environ['DEBUG']='0'; os.environ['SECRET_KEY']='x'
django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0)
from django.db import connection
connection.cursor().execute('PRAGMA cache_size=-131072')
from corpus_import import importer
from corpus_import.pipeline import analyse_article
importer.dedup.process_new_works = lambda ids: {}
from pathlib import Path
from django.db import transaction
files=sorted(Path('/tmp/bc2').glob('*.txt'))
for start in range(0, 1200, 400):
    chunk=files[start:start+400]
    an=[analyse_article(p.name, p.read_bytes()) for p in chunk]
    t=time.process_time()
    for x in an:
        with transaction.atomic(): importer.write_article(x)
    print(start, 'write ms/article', round((time.process_time()-t)/len(chunk)*1000,1), flush=True)
