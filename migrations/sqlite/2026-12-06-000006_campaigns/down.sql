DROP TABLE campaign_counts;
DROP TABLE campaign_members;
DROP TABLE campaign_bands;
DROP TABLE campaign_texts;
DROP TABLE campaigns;
