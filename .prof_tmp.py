import os, django, time, cProfile, pstats
os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; os.environ['DEBUG']='0'; os.environ['SECRET_KEY']='x'
django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0)
from corpus_import import importer
from corpus_import.pipeline import analyse_article
importer.dedup.process_new_works = lambda ids: {}
from pathlib import Path
files=sorted(Path('/tmp/bc').glob('*.txt'))
an={p.name: analyse_article(p.name, p.read_bytes()) for p in files}
from django.db import transaction
def run():
    for a in an.values():
        with transaction.atomic(): importer.write_article(a)
cProfile.run('run()', '/tmp/prof5')
p=pstats.Stats('/tmp/prof5'); p.sort_stats('cumulative').print_stats(45)
