INSERT IGNORE INTO products (id, name, price, stock, tags, attributes) VALUES
  (1, 'Espresso cup', 7.50, 120, 'new', '{"color": "white", "volume_ml": 90}'),
  (2, 'French press', 34.90, 25, 'sale', '{"color": "steel", "volume_ml": 1000}'),
  (3, 'Coffee beans 1 kg', 18.00, 300, 'eco', '{"origin": "Ethiopia", "roast": "medium"}'),
  (4, 'Milk frother', 59.00, 12, 'new,limited', '{"color": "black"}');
