# Reads detente's peer-layout exports the way R users' readers do, and prints one line per
# layout: rows, problems and the class of the typed columns (checked by test_export_readers.py).
#   ICEWS: the column types of the `icews` package's read_events_tsv (integer ids, a date,
#          doubles), with quote = "" as it reads the Dataverse files.
#   GDELT: no header, the 61 names, GlobalEventID / Day / MonthYear / Year as integers.
#   POLECAT: by name; Event Date through as.Date.
suppressPackageStartupMessages(library(readr))
args <- commandArgs(trailingOnly = TRUE)
gdelt_path <- args[1]; icews_path <- args[2]; polecat_path <- args[3]
gdelt_names <- strsplit(args[4], ",")[[1]]

icews <- read_tsv(icews_path, quote = "", progress = FALSE, col_types = cols(
  .default = col_character(), `Event ID` = col_integer(), `Event Date` = col_date(format = ""),
  Intensity = col_double(), `Story ID` = col_integer(), `Sentence Number` = col_integer(),
  Latitude = col_double(), Longitude = col_double()))
cat(sprintf("icews rows=%d problems=%d na_ids=%d id=%s date=%s story=%s\n", nrow(icews), nrow(problems(icews)),
            sum(is.na(icews$`Event ID`)) + sum(is.na(icews$`Story ID`)), class(icews$`Event ID`),
            class(icews$`Event Date`), class(icews$`Story ID`)))

gdelt <- read_tsv(gdelt_path, col_names = gdelt_names, progress = FALSE, col_types = cols(
  .default = col_character(), GlobalEventID = col_integer(), Day = col_integer(), MonthYear = col_integer(),
  Year = col_integer(), FractionDate = col_double(), QuadClass = col_integer(), GoldsteinScale = col_double(),
  NumMentions = col_integer(), NumSources = col_integer(), NumArticles = col_integer()))
cat(sprintf("gdelt rows=%d problems=%d na_ids=%d id=%s cols=%d\n", nrow(gdelt), nrow(problems(gdelt)),
            sum(is.na(gdelt$GlobalEventID)), class(gdelt$GlobalEventID), ncol(gdelt)))

polecat <- read_tsv(polecat_path, progress = FALSE, col_types = cols(.default = col_character()))
dates <- as.Date(polecat$`Event Date`)
cat(sprintf("polecat rows=%d problems=%d na_dates=%d cols=%d\n", nrow(polecat), nrow(problems(polecat)),
            sum(is.na(dates)), ncol(polecat)))
